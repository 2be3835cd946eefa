import { buildRosterIndex, type RosterIndex } from '../commands/understand/roster-index';
import type { Asked, Reading, UnderstandContext } from '../commands/understand/types';
import { understand } from '../commands/understand/understand';
import type { PickAction, ProblemRepository } from '../repositories/problem.repository';
import type { UnderstandingRepository } from '../repositories/understanding.repository';
import type { CategoryOption } from '../services/category-inference';
import { can } from '../services/permissions';
import type { Actor } from '../services/problem-permissions';
import type { BotContext } from './context';
import type { DialogueState } from './dialogue.store';

/** The roster changes by import a few times a day; its words are re-read at most this often. */
const ROSTER_TTL_MS = 5 * 60_000;

interface RosterCache {
  at: number;
  index: RosterIndex;
  units: string[];
  categories: CategoryOption[];
}

/**
 * Gathers what the pure pipeline needs about one message — the roster's words (cached), the sender's own
 * firms, what the bot last asked, their pending problem or rating request — and reads the message.
 */
export class UnderstandingService {
  private cache: RosterCache | null = null;
  private loading: Promise<RosterCache> | null = null;

  constructor(
    private readonly repo: UnderstandingRepository,
    private readonly problems: ProblemRepository,
    private readonly now: () => number = Date.now,
  ) {}

  private async roster(): Promise<RosterCache> {
    if (this.cache && this.now() - this.cache.at < ROSTER_TTL_MS) return this.cache;
    this.loading ??= (async () => {
      const [firms, units, categories] = await Promise.all([
        this.repo.firms(),
        this.repo.unitNames(),
        this.repo.categories(),
      ]);
      return { at: this.now(), index: buildRosterIndex(firms), units, categories };
    })().finally(() => {
      this.loading = null;
    });
    this.cache = await this.loading;
    return this.cache;
  }

  /** Forgets the cached roster (after an import, and in tests). */
  invalidate(): void {
    this.cache = null;
  }

  async read(text: string, ctx: BotContext, open: DialogueState | null): Promise<Reading> {
    const roster = await this.roster();
    const person = ctx.person;
    const actor: Actor | null = person
      ? { personId: person.id, roles: person.roles, unitId: person.unitId, enterpriseId: person.enterpriseId }
      : null;
    const groupFirm = ctx.groupEnterprise?.id ?? null;
    const handles = can(ctx, 'accept') || can(ctx, 'answer');
    // Is a rating or a problem waiting for the sender: one query, beside the one for their own firms.
    const asks: PickAction[] = [
      ...(can(ctx, 'rate') ? (['rate'] as const) : []),
      ...(handles ? (['accept', 'answer'] as const) : []),
    ];
    const [own, pending] = await Promise.all([
      person ? this.repo.ownFirmIds(person.id) : [],
      actor ? this.problems.pendingActions(actor, asks, groupFirm) : new Set<PickAction>(),
    ]);
    const pendingRating = pending.has('rate');
    const pendingProblem = pending.has('accept') || pending.has('answer');
    const asked: Asked =
      open?.command === 'confirmReading'
        ? 'confirm'
        : open?.choices && open.choices.length > 0
          ? 'choice'
          : pendingRating
            ? 'rate'
            : null;
    const employer = person?.enterpriseId ? roster.index.firms.get(person.enterpriseId) : undefined;
    const uctx: UnderstandContext = {
      roles: ctx.roles,
      groupEnterprise: ctx.groupEnterprise,
      today: ctx.today,
      inGroup: ctx.msg.chatId !== null,
      roster: roster.index,
      ownFirmIds: new Set(own),
      employer: employer ? { id: employer.id, name: employer.name } : null,
      units: roster.units,
      categories: roster.categories,
      asked,
      choices: (open?.choices ?? []).map((c) => c.label),
      pendingProblem,
      pendingRating,
    };
    return understand(text, uctx);
  }
}
