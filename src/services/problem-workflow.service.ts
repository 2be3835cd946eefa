import type { DataSource, EntityManager } from 'typeorm';
import { Category, type Problem, type ProblemEvent } from '../entities';
import type { Verdict } from '../entities/enums';
import { UserError } from '../lib/errors';
import type { OutboundPayload } from '../outbox/outbound-payload';
import { inferCategory, type CategoryInference } from './category-inference';
import { combine, type Delivery, DeliveryPlanner, recordDelivery } from './delivery-plan';
import type { Notifier } from './notifier';
import type { LedgerResult, ProblemLedgerService, ReportInput, StepOptions } from './problem-ledger.service';
import { isService } from './problem-ledger.transitions';
import { type Actor, can } from './permissions';
import { nearestLeadersOver } from './permissions/scope-queries';
import * as msg from './problem-workflow.messages';
import type { QualityCheckService } from './quality-check.service';
import { directory } from './recipients';

/** What a report came to: the problem, and whether it reached a lead unit. */
export interface ReportOutcome {
  problem: Problem;
  replayed: boolean;
  routed: boolean;
}

/**
 * Orchestration on top of the ledger: report → route, and the notifications of every step.
 * Notifications are written to the outbox inside the step's own transaction (the ledger's
 * `inTransaction` hook) with keys derived from the event id, so a rolled-back step sends nothing
 * and a replayed step or redelivered message never notifies twice.
 */
export class ProblemWorkflowService {
  private readonly plan: DeliveryPlanner;

  constructor(
    private readonly ds: DataSource,
    readonly ledger: ProblemLedgerService,
    notifier: Notifier,
    private readonly quality: QualityCheckService,
  ) {
    this.plan = new DeliveryPlanner(notifier);
  }

  /** The active catalogue, by name. */
  categories(): Promise<Category[]> {
    return this.ds.getRepository(Category).find({ where: { active: true }, order: { name: 'ASC' } });
  }

  /** The category of a description (explicit word first), from the active catalogue. */
  async infer(description: string, explicit: string | null): Promise<CategoryInference<Category>> {
    return inferCategory(description, await this.categories(), explicit);
  }

  /**
   * Reports and, when it has a category, routes to the category's lead unit with its working-day
   * deadline (the unit's group gets the card). Without a category the cadre is told to assign it.
   * A redelivered message replays the report and routes only what is still pending.
   */
  async reportAndRoute(input: ReportInput, actor: Actor): Promise<ReportOutcome> {
    const reported = await this.ledger.report(input, actor);
    let problem = reported.problem;
    if (problem.status === 'pending' && problem.categoryId && problem.returnCount === 0) {
      const routed = await this.ledger.route(problem.code, this.hooked({}));
      if (routed) problem = routed.problem;
    } else if (!problem.categoryId && !reported.replayed) {
      const facts = await this.facts(this.ds.manager, problem);
      const event = reported.events[0];
      const delivery = await this.toCadreOrOffice(
        this.ds.manager,
        problem,
        `evt-${event.id}`,
        msg.unroutedText(facts),
      );
      await recordDelivery(this.ds.manager, event.id, delivery);
      event.delivery = delivery.summary;
    }
    return { problem, replayed: reported.replayed, routed: problem.status === 'assigned' };
  }

  /** 交办 by a cadre or admin (pending → assigned). */
  assign(code: string, unitId: string, actor: Actor, opts: StepOptions = {}) {
    return this.ledger.assign(code, unitId, actor, this.hooked(opts));
  }

  /** 转办: manual reassignment; a pending problem is assigned, an assigned one moved. */
  transfer(code: string, unitId: string, actor: Actor, opts: StepOptions = {}) {
    return this.ledger.transfer(code, unitId, actor, this.hooked(opts));
  }

  accept(code: string, actor: Actor, opts: StepOptions = {}) {
    return this.ledger.accept(code, actor, this.hooked(opts));
  }

  returnProblem(code: string, actor: Actor, opts: StepOptions = {}) {
    return this.ledger.returnProblem(code, actor, this.hooked(opts));
  }

  answer(code: string, text: string, actor: Actor, opts: StepOptions = {}) {
    return this.ledger.answer(code, text, actor, this.hooked(opts));
  }

  deliver(code: string, actor: Actor, opts: StepOptions = {}) {
    return this.ledger.deliver(code, actor, this.hooked(opts));
  }

  rate(code: string, verdict: Verdict, comment: string, actor: Actor, opts: StepOptions = {}) {
    return this.ledger.rate(code, verdict, comment, actor, this.hooked(opts));
  }

  /** 代评: the cadre records the firm's verdict for a firm without a contact. */
  rateByProxy(code: string, verdict: Verdict, comment: string, actor: Actor, opts: StepOptions = {}) {
    return this.ledger.rateByProxy(code, verdict, comment, actor, this.hooked(opts));
  }

  close(code: string, actor: Actor, opts: StepOptions = {}) {
    return this.ledger.close(code, actor, this.hooked(opts));
  }

  withdraw(code: string, actor: Actor, opts: StepOptions = {}) {
    return this.ledger.withdraw(code, actor, this.hooked(opts));
  }

  requestExtension(code: string, days: number, reason: string, actor: Actor, opts: StepOptions = {}) {
    return this.ledger.requestExtension(code, days, reason, actor, this.hooked(opts));
  }

  decideExtension(code: string, approve: boolean, actor: Actor, opts: StepOptions = {}) {
    return this.ledger.decideExtension(code, approve, actor, this.hooked(opts));
  }

  /** 协办: adds a co-handling unit; its group gets the problem as a card (view only). */
  addCoUnit(code: string, unitId: string, actor: Actor, opts: StepOptions = {}) {
    return this.ledger.addCoUnit(code, unitId, actor, {
      ...opts,
      inTransaction: async (em, result) => {
        await opts.inTransaction?.(em, result);
        const facts = await this.facts(em, result.problem);
        const [co] = await em.query(`SELECT name FROM org_unit WHERE id = $1`, [unitId]);
        const event = result.events[0];
        const delivery = await this.plan.toUnit(
          em,
          unitId,
          co?.name ?? null,
          `evt-${event.id}`,
          msg.coUnitCard(facts),
        );
        await recordDelivery(em, event.id, delivery);
        event.delivery = delivery.summary;
      },
    });
  }

  /** 现场解决 (an on-site session decided it): closed at once, the firm is asked to rate. */
  settleOnSite(code: string, resolution: string, opts: StepOptions = {}) {
    return this.ledger.settleOnSite(code, resolution, this.hooked(opts));
  }

  /** 限期解决 or a policy question: the unit leads it with these terms; its group gets the card. */
  assignWithTerms(
    code: string,
    unitId: string,
    terms: { dueOn: string } | { limitDays: number },
    opts: StepOptions = {},
  ) {
    return this.ledger.assignWithTerms(code, unitId, terms, this.hooked(opts));
  }

  urge(code: string, actor: Actor | null, opts: StepOptions = {}) {
    return this.ledger.urge(code, actor, this.hooked(opts));
  }

  supervise(code: string, actor: Actor | null, opts: StepOptions = {}) {
    return this.ledger.supervise(code, actor, this.hooked(opts));
  }

  /**
   * The enterprise's answer to 撤单质检. 未解决 reopens a closed problem (back to the lead unit as a
   * redo) or flags a withdrawn one and tells the admins. Answering twice changes nothing.
   * Returns what happened, for the reply.
   */
  async answerQualityCheck(
    code: string,
    solved: boolean,
    actor: Actor,
    opts: StepOptions = {},
  ): Promise<'recorded' | 'reopened' | 'flagged' | 'already'> {
    const problem = await this.ledger.findByCode(code, actor);
    if (!problem) throw new UserError(`找不到编号为 ${code} 的问题。`, 'not_found');
    if (!can(actor, 'answer_quality_check') || actor.enterpriseId !== problem.enterpriseId) {
      throw new UserError('只有该企业的联系人才能回答质检回访。', 'forbidden');
    }
    const check = await this.quality.find(this.ds.manager, problem.id);
    if (!check) throw new UserError('该问题没有质检回访，无需回答。');
    if (check.solved !== null) return 'already';
    const answer = solved ? '已解决' : '未解决';
    if (solved) {
      return (await this.quality.record(this.ds.manager, check.id, true, answer)) ? 'recorded' : 'already';
    }
    const reopen = problem.status === 'closed' && problem.leadUnitId !== null;
    const note = `企业回访称${answer}`;
    // The answer is recorded inside the ledger step: both happen or neither.
    const step: StepOptions = {
      idempotencyKey: opts.idempotencyKey ?? `qc-${check.id}`,
      note,
      inTransaction: async (em, result) => {
        await this.quality.record(em, check.id, false, answer);
        await this.afterStep(em, result);
      },
    };
    const result = reopen
      ? await this.ledger.reopen(problem.code, null, step)
      : await this.ledger.flag(problem.code, null, step);
    if (result.replayed) return 'already';
    return reopen ? 'reopened' : 'flagged';
  }

  /** Step options whose transaction also writes the step's notifications. */
  private hooked(opts: StepOptions): StepOptions {
    return {
      ...opts,
      inTransaction: async (em, result) => {
        await opts.inTransaction?.(em, result);
        await this.afterStep(em, result);
      },
    };
  }

  /** The notifications of the events one step wrote (keys: `evt-<event id>`), routes on the events. */
  private async afterStep(em: EntityManager, result: LedgerResult): Promise<void> {
    const { problem } = result;
    const facts = await this.facts(em, problem);
    for (const event of result.events) {
      const deliveries = await this.notifyEvent(em, problem, facts, event);
      if (deliveries.length === 0) continue;
      const delivery = combine(deliveries);
      await recordDelivery(em, event.id, delivery);
      event.delivery = delivery.summary;
    }
  }

  /** Sends an event's notices; returns where each went (first: the one who must act). */
  private async notifyEvent(
    em: EntityManager,
    problem: Problem,
    facts: msg.ProblemFacts,
    event: ProblemEvent,
  ): Promise<Delivery[]> {
    const key = `evt-${event.id}`;
    const unit = problem.leadUnitId;
    const plan = this.plan;
    const toUnit = async (payload: OutboundPayload) =>
      unit ? [await plan.toUnit(em, unit, facts.unit, key, payload)] : [];
    switch (event.action) {
      case 'assign':
      case 'transfer':
        if (!unit) return [];
        return toUnit(
          msg.assignedCard(
            facts,
            event.action === 'transfer' && event.fromStatus !== 'pending',
            await this.mentionIds(em, unit),
          ),
        );
      case 'accept':
        return this.toReporter(em, problem, event, `${key}-r`, msg.progressText(facts, '已受理', event.note));
      case 'return':
        return [await this.toCadreOrOffice(em, problem, key, msg.returnedText(facts, event.note))];
      case 'answer': {
        if (isService(problem.kind)) {
          return [await this.toCadreOrOffice(em, problem, key, msg.deliverPrompt(facts))];
        }
        const main = await this.toEnterprise(em, problem, facts, key);
        // The reporter already has the answer when it went to them, or to their own enterprise.
        const told =
          main.reached.some((r) => r.id === problem.reporterId) ||
          (main.route !== 'cadre' && (await this.isContactOf(em, problem.reporterId, problem.enterpriseId)));
        if (told) return [main];
        return [
          main,
          ...(await this.toReporter(
            em,
            problem,
            event,
            `${key}-r`,
            msg.progressText(facts, '已答复', facts.resolution ?? ''),
          )),
        ];
      }
      case 'deliver':
      case 'settle_onsite':
        return [await this.toEnterprise(em, problem, facts, key)];
      case 'redo':
      case 'quality_reopen':
        if (!unit) return [];
        return toUnit(msg.redoCard(facts, event.note, await this.mentionIds(em, unit)));
      case 'rate':
      case 'rate_proxy':
      case 'rate_timeout':
      case 'admin_close': {
        const closed = msg.closedText(facts, event.note);
        const main = await this.toCadreOrOffice(em, problem, key, closed);
        await this.quality.consider(em, problem, facts, key);
        if (problem.reporterId === problem.cadreId) return [main];
        return [main, ...(await this.toReporter(em, problem, event, `${key}-r`, closed))];
      }
      case 'withdraw': {
        const sent = unit && event.fromStatus !== 'pending' ? await toUnit(msg.withdrawnText(facts)) : [];
        await this.quality.consider(em, problem, facts, key);
        return sent;
      }
      case 'extend_request': {
        const ids = await this.approvers(em, unit);
        return [
          await plan.toPeople(
            em,
            key,
            msg.extensionCard(facts, event.note),
            'leaders',
            '审批领导',
            () => directory.byIds(em, ids),
            '（无可联系的审批领导，转亲商助企办）',
          ),
        ];
      }
      case 'extend_approve':
      case 'extend_refuse':
      case 'set_deadline':
      case 'urge':
      case 'supervise': {
        if (!unit) return [];
        const headline =
          event.action === 'urge' ? '催办' : event.action === 'supervise' ? '督办' : event.note;
        return toUnit(msg.unitNotice(facts, headline, await this.mentionIds(em, unit)));
      }
      case 'quality_flag':
        return [
          await plan.deliver(em, key, msg.flaggedText(facts), [
            plan.officeStep(em, msg.flaggedText(facts), ''),
          ]),
        ];
      default:
        return [];
    }
  }

  /** The answer card, to the enterprise or (no contact) to its cadre for 代评. */
  private toEnterprise(em: EntityManager, problem: Problem, facts: msg.ProblemFacts, key: string) {
    const { enterpriseId, cadreId } = problem;
    return this.plan.toEnterprise(
      em,
      enterpriseId,
      cadreId,
      key,
      msg.answeredCard(facts),
      msg.proxyRatingCard(facts),
    );
  }

  /** The enterprise's cadre; without one reachable, the campaign office's admins. */
  private toCadreOrOffice(em: EntityManager, problem: Problem, key: string, payload: OutboundPayload) {
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

  /** The reporter hears of 受理/答复/销号 (not when they did it themselves, and only if reachable). */
  private async toReporter(
    em: EntityManager,
    problem: Problem,
    event: ProblemEvent,
    key: string,
    payload: OutboundPayload,
  ): Promise<Delivery[]> {
    if (event.actorId === problem.reporterId) return [];
    const d = await this.plan.deliver(em, key, payload, [
      { kind: 'person', label: '报告人', people: () => directory.person(em, problem.reporterId) },
    ]);
    return d.route ? [d] : [];
  }

  /** The facts a notification shows, read in the step's transaction. */
  async facts(em: EntityManager, problem: Problem): Promise<msg.ProblemFacts> {
    const [row] = await em.query(
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
      tier: this.ledger.tierOf(problem),
      description: problem.description,
      resolution: problem.resolution,
    };
  }

  /** Platform ids of the unit's handlers, for @mentions in its group. */
  private async mentionIds(em: EntityManager, unitId: string): Promise<string[]> {
    const rows: { uid: string | null }[] = await em.query(
      `SELECT coalesce(
                (SELECT a.account_id FROM person_account a WHERE a.person_id = p.id AND a.platform = 'wecom'),
                (SELECT a.account_id FROM person_account a WHERE a.person_id = p.id AND a.platform = 'dingtalk'))
              AS uid
       FROM person p WHERE p.unit_id = $1 AND 'handler' = ANY(p.roles) AND p.active ORDER BY p.name, p.id`,
      [unitId],
    );
    return rows.map((r) => r.uid).filter((u): u is string => u !== null);
  }

  /** Leaders whose scope holds the lead unit, nearest first (never a plain admin: only leaders decide). */
  private async approvers(em: EntityManager, unitId: string | null): Promise<string[]> {
    return unitId ? nearestLeadersOver(em, unitId) : [];
  }

  private async isContactOf(em: EntityManager, personId: string, enterpriseId: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM person WHERE id = $1 AND enterprise_id = $2`, [
      personId,
      enterpriseId,
    ]);
    return rows.length > 0;
  }

  private async admins(em: EntityManager): Promise<string[]> {
    return (await directory.officeAdmins(em)).map((r) => r.id);
  }
}
