import type { DataSource } from 'typeorm';
import { UserError } from '../../lib/errors';
import { RecurringRepository, type RecurringCandidate } from '../../repositories/recurring.repository';
import type { Actor } from '../permissions';
import { hasRoleFor } from '../permissions';
import type { ProblemWorkflowService } from '../problem-workflow.service';
import { DeliveryPlanner } from '../delivery-plan';
import type { Notifier } from '../notifier';
import type { OutboundPayload } from '../../outbox/outbound-payload';
import { clusterProblems, type ClusterOptions } from './cluster';
import { sendingTransaction } from '../../outbox/sender';
import { directory } from '../../repositories/directory.repository';

/** A 一类事 the clustering found: one trouble, several firms, not yet opened as an item. */
export interface FoundCluster {
  category: string | null;
  categoryId: string | null;
  leadUnitId: string | null;
  leadUnit: string | null;
  firms: number;
  /** The representative problem's description: it names the trouble. */
  title: string;
  keywords: string[];
  problems: Pick<RecurringCandidate, 'code' | 'enterprise' | 'districtId' | 'leadUnitId' | 'status'>[];
}

/** How many days back "recent" problems count, besides the open ones (本月: about a month). */
export const RECENT_DAYS = 30;
/** A digest names a cluster from this many firms on. */
export const DIGEST_MIN_FIRMS = 3;

/** What a settlement did to each linked problem. */
export interface SettleOutcome {
  answered: string[];
  /** Problems the ledger did not let through, with its reason (already closed, not the unit's…). */
  skipped: { code: string; reason: string }[];
}

/**
 * 一类事: finds troubles many firms report (open and recent problems, same category, similar text),
 * lets a leader open one as an item linking the problems, assign it to a unit for a systemic
 * answer, and settle it — the answer goes to every linked problem through the ledger, so each
 * firm confirms and rates its own.
 */
export class RecurringService {
  private readonly repo: RecurringRepository;

  constructor(
    private readonly ds: DataSource,
    private readonly workflow?: ProblemWorkflowService,
    private readonly notifier?: Notifier,
  ) {
    this.repo = new RecurringRepository(ds);
  }

  /** The clusters among open and recent problems as of `now`. */
  async clusters(now: Date, options: Partial<ClusterOptions> = {}): Promise<FoundCluster[]> {
    const candidates = await this.repo.candidates(new Date(now.getTime() - RECENT_DAYS * 86_400_000));
    const byId = new Map(candidates.map((c) => [c.id, c]));
    const found = clusterProblems(
      candidates.map((c) => ({
        id: c.id,
        firmId: c.enterpriseId,
        categoryId: c.categoryId,
        text: c.description,
      })),
      options,
    );
    return found.map((cl) => {
      const ps = cl.ids.map((id) => byId.get(id)!);
      const rep = byId.get(cl.representativeId)!;
      return {
        category: rep.category,
        categoryId: rep.categoryId,
        leadUnitId: rep.leadUnitId,
        leadUnit: rep.leadUnit,
        firms: cl.firms,
        title: rep.description.replace(/\s+/g, ' ').trim().slice(0, 60),
        keywords: cl.keywords,
        problems: ps.map((p) => ({
          code: p.code,
          enterprise: p.enterprise,
          districtId: p.districtId,
          leadUnitId: p.leadUnitId,
          status: p.status,
        })),
      };
    });
  }

  /** Opens a 一类事 over problems (of at least two firms, none linked already); returns its number. */
  async open(actor: Actor, title: string, codes: readonly string[]): Promise<number> {
    if (!hasRoleFor(actor.roles, 'manage_recurring'))
      throw new UserError('只有领导或管理员可以发起一类事', 'forbidden');
    const problems = await this.repo.problemsByCode([...new Set(codes)]);
    const missing = codes.filter((c) => !problems.some((p) => p.code.toUpperCase() === c.toUpperCase()));
    if (missing.length) throw new UserError(`找不到问题：${missing.join('、')}`, 'not_found');
    const linked = problems.filter((p) => p.linked);
    if (linked.length)
      throw new UserError(`已归入其他一类事：${linked.map((p) => p.code).join('、')}`, 'conflict');
    if (new Set(problems.map((p) => p.enterpriseId)).size < 2) {
      throw new UserError('一类事至少要有两家企业的问题', 'bad_input');
    }
    const categories = [...new Set(problems.map((p) => p.categoryId))];
    return sendingTransaction(this.ds, async (em) => {
      const issue = await new RecurringRepository(em).create({
        title,
        categoryId: categories.length === 1 ? categories[0] : null,
        openedById: actor.personId,
        problemIds: problems.map((p) => p.id),
      });
      return issue.number;
    });
  }

  /** Assigns a 一类事 to a unit for the systemic answer. */
  async assign(actor: Actor, number: number, unitId: string): Promise<void> {
    if (!hasRoleFor(actor.roles, 'manage_recurring'))
      throw new UserError('只有领导或管理员可以交办一类事', 'forbidden');
    const [issue] = await this.repo.issues(number);
    if (!issue) throw new UserError(`没有编号为 ${number} 的一类事`, 'not_found');
    if (issue.status === 'settled') throw new UserError('该一类事已办结', 'conflict');
    const notifier = this.notifier;
    await sendingTransaction(this.ds, async (em) => {
      await new RecurringRepository(em).assign(number, unitId);
      if (!notifier) return;
      // The unit hears of it through its delivery plan (group → handlers → leaders → office), once per
      // assignment to that unit.
      const unitName = await directory.unitName(em, unitId);
      await new DeliveryPlanner(notifier).toUnit(
        em,
        unitId,
        unitName,
        `recurring-${number}-assign-${unitId}`,
        assignedNotice(number, issue.title, issue.problems),
      );
    });
  }

  /**
   * Settles a 一类事 with the unit's systemic answer: each linked problem still open is accepted (if
   * need be) and answered through the ledger by `actor`, which checks role, scope and status as for
   * any single problem; each firm is then asked to confirm and rate as usual. The item is settled
   * when no linked problem is left unanswered.
   */
  async settle(actor: Actor, number: number, answer: string, key: string): Promise<SettleOutcome> {
    if (!this.workflow) throw new Error('RecurringService.settle needs the problem workflow');
    const [issue] = await this.repo.issues(number);
    if (!issue) throw new UserError(`没有编号为 ${number} 的一类事`, 'not_found');
    if (issue.status !== 'assigned')
      throw new UserError(
        issue.status === 'settled' ? '该一类事已办结' : '请先把一类事交办给单位',
        'conflict',
      );
    const outcome: SettleOutcome = { answered: [], skipped: [] };
    for (const p of issue.problems) {
      if (p.status === 'answered' || p.status === 'closed' || p.status === 'withdrawn') continue;
      try {
        if (p.status === 'assigned')
          await this.workflow.step('accept', [p.code, actor], { idempotencyKey: `${key}-accept-${p.code}` });
        await this.workflow.step('answer', [p.code, `【一类事 ${number}】${answer}`, actor], {
          idempotencyKey: `${key}-answer-${p.code}`,
        });
        outcome.answered.push(p.code);
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        outcome.skipped.push({ code: p.code, reason: err.userMessage ?? err.message });
      }
    }
    if (!outcome.skipped.length) await this.repo.settle(number, answer);
    return outcome;
  }
}

/** The notice a unit gets when a 一类事 is assigned to it: what it is, which firms, what to do. */
export function assignedNotice(
  number: number,
  title: string,
  problems: { code: string; enterprise: string }[],
): OutboundPayload {
  const firms = new Set(problems.map((p) => p.enterprise));
  const listed = problems.slice(0, 10).map((p) => `- ${p.code} ${p.enterprise}`);
  const more = problems.length > listed.length ? [`……共 ${problems.length} 个问题`] : [];
  const text = [
    `**一类事 ${number} 已交办贵单位：${title}**`,
    `涉及 ${firms.size} 家企业、${problems.length} 个问题：`,
    ...listed,
    ...more,
    '请研究系统性解决办法，在工作台账“考核 › 一类事”中统一答复；答复会送达每家企业，由企业各自评价。',
  ].join('\n');
  return { msgtype: 'markdown', markdown: { title: `一类事 ${number} 交办`, text } };
}
