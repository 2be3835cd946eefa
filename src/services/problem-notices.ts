import type { EntityManager } from 'typeorm';
import type { Problem, ProblemEvent } from '../entities';
import type { ProblemEventAction, Tier } from '../entities/enums';
import type { OutboundPayload } from '../outbox/outbound-payload';
import { directory } from '../repositories/directory.repository';
import { combine, type Delivery, type DeliveryPlanner, recordDelivery } from './delivery-plan';
import type { LedgerResult } from './problem-ledger.service';
import { isService } from './problem-ledger.transitions';
import * as msg from './problem-workflow.messages';
import type { QualityCheckService } from './quality-check.service';

/** What one event's notice needs: the step's transaction, the problem as it now is, its facts, the key. */
interface NoticeContext {
  em: EntityManager;
  problem: Problem;
  facts: msg.ProblemFacts;
  event: ProblemEvent;
  /** `evt-<event id>`: every destination's outbox key derives from it. */
  key: string;
  /** The lead unit, if any. */
  unit: string | null;
}

/** The notice of one event action: where it goes and what it says (first delivery: whoever must act). */
type NoticeRenderer = (n: ProblemNotices, c: NoticeContext) => Promise<Delivery[]>;

const none: NoticeRenderer = () => Promise.resolve([]);

/** The unit's notice (assign, redo, urge …) with @mentions of its handlers; nothing without a lead unit. */
const toUnit =
  (payload: (c: NoticeContext, mentions: string[]) => OutboundPayload): NoticeRenderer =>
  async (n, c) => {
    if (!c.unit) return [];
    const mentions = await n.mentionIds(c.em, c.unit);
    return [await n.plan.toUnit(c.em, c.unit, c.facts.unit, c.key, payload(c, mentions))];
  };

const closed: NoticeRenderer = async (n, c) => {
  const text = msg.closedText(c.facts, c.event.note);
  const main = await n.toCadreOrOffice(c.em, c.problem, c.key, text);
  await n.quality.consider(c.em, c.problem, c.facts, c.key);
  if (c.problem.reporterId === c.problem.cadreId) return [main];
  return [main, ...(await n.toReporter(c, text))];
};

const unitNotice = toUnit((c, mentions) => {
  const a = c.event.action;
  const headline = a === 'urge' ? '催办' : a === 'supervise' ? '督办' : c.event.note;
  return msg.unitNotice(c.facts, headline, mentions);
});

/**
 * Every event action and its notice, one renderer each. The record is keyed by the whole union, so a new
 * action does not compile until it says what it sends — `none` is a decision, not a fallthrough. The jobs'
 * own steps (remind, urge and supervise of problem-chasing, rate_remind, rate_timeout, pending_*) are
 * written and sent by the jobs; a ledger step with the same action (催办 by a person) is sent here.
 */
export const EVENT_NOTICES: Record<ProblemEventAction, NoticeRenderer> = {
  report: none, // the report's reply and routing notices are the workflow's (reportAndRoute)
  assign: toUnit((c, m) => msg.assignedCard(c.facts, false, m)),
  transfer: toUnit((c, m) => msg.assignedCard(c.facts, c.event.fromStatus !== 'pending', m)),
  accept: (n, c) => n.toReporter(c, msg.progressText(c.facts, '已受理', c.event.note)),
  return: async (n, c) => [
    await n.toCadreOrOffice(c.em, c.problem, c.key, msg.returnedText(c.facts, c.event.note)),
  ],
  answer: async (n, c) => {
    const { em, problem, facts, key } = c;
    if (isService(problem.kind)) return [await n.toCadreOrOffice(em, problem, key, msg.deliverPrompt(facts))];
    const main = await n.toEnterprise(c);
    // The reporter already has the answer when it went to them, or to their own enterprise.
    const told =
      main.reached.some((r) => r.id === problem.reporterId) ||
      (main.route !== 'cadre' && (await n.isContactOf(em, problem.reporterId, problem.enterpriseId)));
    if (told) return [main];
    return [main, ...(await n.toReporter(c, msg.progressText(facts, '已答复', facts.resolution ?? '')))];
  },
  deliver: async (n, c) => [await n.toEnterprise(c)],
  settle_onsite: async (n, c) => [await n.toEnterprise(c)],
  redo: toUnit((c, m) => msg.redoCard(c.facts, c.event.note, m)),
  quality_reopen: toUnit((c, m) => msg.redoCard(c.facts, c.event.note, m)),
  rate: closed,
  rate_proxy: closed,
  rate_timeout: closed,
  admin_close: closed,
  withdraw: async (n, c) => {
    const sent =
      c.unit && c.event.fromStatus !== 'pending' ? await toUnit(() => msg.withdrawnText(c.facts))(n, c) : [];
    await n.quality.consider(c.em, c.problem, c.facts, c.key);
    return sent;
  },
  extend_request: async (n, c) => [
    await n.plan.toPeople(
      c.em,
      c.key,
      msg.extensionCard(c.facts, c.event.note),
      'leaders',
      '审批领导',
      // Only leaders decide, never a plain admin: the nearest whose scope holds the lead unit.
      () => (c.unit ? directory.leadersOver(c.em, c.unit) : Promise.resolve([])),
      '（无可联系的审批领导，转亲商助企办）',
    ),
  ],
  extend_approve: unitNotice,
  extend_refuse: unitNotice,
  set_deadline: unitNotice,
  urge: unitNotice,
  supervise: unitNotice,
  quality_flag: async (n, c) => {
    const text = msg.flaggedText(c.facts);
    return [await n.plan.deliver(c.em, c.key, text, [n.plan.officeStep(c.em, text, '')])];
  },
  add_co_unit: none, // the co-unit's card is sent by the workflow's addCoUnit, which knows the unit
  remind: none,
  rate_remind: none,
  pending_chase: none,
  pending_escalate: none,
};

/**
 * The notifications of ledger steps, written in the step's own transaction with keys derived from the
 * event id (`evt-<id>`), so a rolled-back step sends nothing and a replay never notifies twice.
 */
export class ProblemNotices {
  constructor(
    readonly plan: DeliveryPlanner,
    readonly quality: QualityCheckService,
    private readonly tierOf: (p: Problem) => Tier,
    /** Account namespaces in the registry's preference order (the composition's `Platforms.namespaces`). */
    private readonly mentionOrder: readonly string[],
  ) {}

  /** Sends the notices of the events one step wrote and records each event's route on it. */
  async afterStep(em: EntityManager, result: LedgerResult): Promise<void> {
    const { problem } = result;
    const facts = await this.facts(em, problem);
    for (const event of result.events) {
      const render = EVENT_NOTICES[event.action];
      const deliveries = await render(this, {
        em,
        problem,
        facts,
        event,
        key: `evt-${event.id}`,
        unit: problem.leadUnitId,
      });
      if (deliveries.length === 0) continue;
      const delivery = combine(deliveries);
      await recordDelivery(em, event.id, delivery);
      event.delivery = delivery.summary;
    }
  }

  /** The answer card, to the enterprise or (no contact) to its cadre for 代评. */
  toEnterprise(c: NoticeContext): Promise<Delivery> {
    const { enterpriseId, cadreId } = c.problem;
    return this.plan.toEnterprise(
      c.em,
      enterpriseId,
      cadreId,
      c.key,
      msg.answeredCard(c.facts),
      msg.proxyRatingCard(c.facts),
    );
  }

  /** The enterprise's cadre; without one reachable, the campaign office's admins. */
  toCadreOrOffice(
    em: EntityManager,
    problem: Problem,
    key: string,
    payload: OutboundPayload,
  ): Promise<Delivery> {
    return this.plan.toPeople(
      em,
      key,
      payload,
      'cadre',
      '包联干部',
      () => directory.person(em, problem.cadreId),
      '（该企业无可联系的包联干部，转亲商助企办）',
    );
  }

  /**
   * The reporter hears of 受理/答复/销号 (not when they did it themselves, and only if reachable), under
   * `<key>-r`.
   */
  async toReporter(c: NoticeContext, payload: OutboundPayload): Promise<Delivery[]> {
    if (c.event.actorId === c.problem.reporterId) return [];
    const d = await this.plan.deliver(c.em, `${c.key}-r`, payload, [
      { kind: 'person', label: '报告人', people: () => directory.person(c.em, c.problem.reporterId) },
    ]);
    return d.route ? [d] : [];
  }

  /** The facts a notification shows, read in the step's transaction. */
  async facts(em: EntityManager, problem: Problem): Promise<msg.ProblemFacts> {
    const [row] = await em.query<{ firm: string; category: string | null; unit: string | null }[]>(
      `SELECT e.name AS firm, c.name AS category, u.name AS unit
       FROM enterprise e
       LEFT JOIN category c ON c.id = $2
       LEFT JOIN org_unit u ON u.id = $3
       WHERE e.id = $1`,
      [problem.enterpriseId, problem.categoryId, problem.leadUnitId],
    );
    return {
      id: problem.id,
      code: problem.code,
      kind: problem.kind,
      firm: row?.firm ?? '',
      category: row?.category ?? null,
      unit: row?.unit ?? null,
      dueOn: problem.dueOn,
      tier: this.tierOf(problem),
      description: problem.description,
      resolution: problem.resolution,
    };
  }

  /** Platform ids of the unit's handlers, for @mentions in its group (the registry's namespace order). */
  mentionIds(em: EntityManager, unitId: string): Promise<string[]> {
    return directory.handlerMentionIds(em, unitId, this.mentionOrder);
  }

  async isContactOf(em: EntityManager, personId: string, enterpriseId: string): Promise<boolean> {
    const rows = await em.query<unknown[]>(`SELECT 1 FROM person WHERE id = $1 AND enterprise_id = $2`, [
      personId,
      enterpriseId,
    ]);
    return rows.length > 0;
  }
}
