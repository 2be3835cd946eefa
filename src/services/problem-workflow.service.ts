import type { DataSource, EntityManager } from 'typeorm';
import { Category, type Problem, type ProblemEvent } from '../entities';
import type { Verdict } from '../entities/enums';
import { UserError } from '../lib/errors';
import type { OutboundPayload } from '../outbox/outbound-payload';
import { inferCategory, type CategoryInference } from './category-inference';
import type { GroupTarget, Notifier } from './notifier';
import type { LedgerResult, ProblemLedgerService, ReportInput, StepOptions } from './problem-ledger.service';
import { isService } from './problem-ledger.transitions';
import { type Actor, can } from './permissions';
import { nearestLeadersOver } from './permissions/scope-queries';
import * as msg from './problem-workflow.messages';
import type { QualityCheckService } from './quality-check.service';

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
  constructor(
    private readonly ds: DataSource,
    readonly ledger: ProblemLedgerService,
    private readonly notifier: Notifier,
    private readonly quality: QualityCheckService,
  ) {}

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
    } else if (!problem.categoryId && !reported.replayed && problem.cadreId) {
      const facts = await this.facts(this.ds.manager, problem);
      await this.notifier.toPerson(
        this.ds,
        problem.cadreId,
        `evt-${reported.events[0].id}`,
        msg.unroutedText(facts),
      );
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
        await this.toUnit(em, unitId, `evt-${result.events[0].id}`, msg.coUnitCard(facts));
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

  /** The notifications of the events one step wrote (keys: `evt-<event id>`). */
  private async afterStep(em: EntityManager, result: LedgerResult): Promise<void> {
    const { problem } = result;
    const facts = await this.facts(em, problem);
    for (const event of result.events) await this.notifyEvent(em, problem, facts, event);
  }

  private async notifyEvent(
    em: EntityManager,
    problem: Problem,
    facts: msg.ProblemFacts,
    event: ProblemEvent,
  ): Promise<void> {
    const key = `evt-${event.id}`;
    const unit = problem.leadUnitId;
    switch (event.action) {
      case 'assign':
      case 'transfer':
        if (unit) {
          const payload = msg.assignedCard(
            facts,
            event.action === 'transfer' && event.fromStatus !== 'pending',
            await this.mentionIds(em, unit),
          );
          await this.toUnit(em, unit, key, payload);
        }
        return;
      case 'return':
        await this.toCadreOrAdmins(em, problem, key, msg.returnedText(facts, event.note));
        return;
      case 'answer':
        if (isService(problem.kind)) await this.toCadreOrAdmins(em, problem, key, msg.deliverPrompt(facts));
        else await this.toEnterprise(em, problem, key, msg.answeredCard(facts));
        return;
      case 'deliver':
      case 'settle_onsite':
        await this.toEnterprise(em, problem, key, msg.answeredCard(facts));
        return;
      case 'redo':
      case 'quality_reopen':
        if (unit) {
          const payload = msg.redoCard(facts, event.note, await this.mentionIds(em, unit));
          await this.toUnit(em, unit, key, payload);
        }
        return;
      case 'rate':
      case 'admin_close':
        await this.toCadreOrAdmins(em, problem, key, msg.closedText(facts, event.note));
        await this.quality.consider(em, problem, facts, key);
        return;
      case 'withdraw':
        if (unit && event.fromStatus !== 'pending')
          await this.toUnit(em, unit, key, msg.withdrawnText(facts));
        await this.quality.consider(em, problem, facts, key);
        return;
      case 'extend_request':
        for (const id of await this.approvers(em, unit)) {
          await this.notifier.toPerson(em, id, key, msg.extensionCard(facts, event.note));
        }
        return;
      case 'extend_approve':
      case 'extend_refuse':
      case 'set_deadline':
      case 'urge':
      case 'supervise':
        if (unit) {
          const headline =
            event.action === 'urge' ? '催办' : event.action === 'supervise' ? '督办' : event.note;
          const payload = msg.unitNotice(facts, headline, await this.mentionIds(em, unit));
          await this.toUnit(em, unit, key, payload);
        }
        return;
      case 'quality_flag':
        for (const id of await this.admins(em))
          await this.notifier.toPerson(em, id, key, msg.flaggedText(facts));
        return;
      default:
        return;
    }
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

  /** The unit's group(s); without a bound group, its handlers one by one. */
  private async toUnit(em: EntityManager, unitId: string, key: string, payload: OutboundPayload) {
    await this.toGroupOr(em, { purpose: 'unit', unitId }, key, payload, () => this.handlers(em, unitId));
  }

  /** The enterprise's group(s); without one, its contacts one by one. */
  private async toEnterprise(em: EntityManager, problem: Problem, key: string, payload: OutboundPayload) {
    await this.toGroupOr(
      em,
      { purpose: 'enterprise', enterpriseId: problem.enterpriseId },
      key,
      payload,
      () =>
        this.ids(em, `SELECT id FROM person WHERE enterprise_id = $1 AND 'contact' = ANY(roles) AND active`, [
          problem.enterpriseId,
        ]),
    );
  }

  private async toGroupOr(
    em: EntityManager,
    target: GroupTarget,
    key: string,
    payload: OutboundPayload,
    people: () => Promise<string[]>,
  ): Promise<void> {
    if ((await this.notifier.toGroups(em, target, key, payload)) > 0) return;
    for (const id of await people()) await this.notifier.toPerson(em, id, key, payload);
  }

  /** The enterprise's cadre; without one, the admins. */
  private async toCadreOrAdmins(em: EntityManager, problem: Problem, key: string, payload: OutboundPayload) {
    const ids = problem.cadreId ? [problem.cadreId] : await this.admins(em);
    for (const id of ids) await this.notifier.toPerson(em, id, key, payload);
  }

  private handlers(em: EntityManager, unitId: string): Promise<string[]> {
    return this.ids(
      em,
      `SELECT id FROM person WHERE unit_id = $1 AND 'handler' = ANY(roles) AND active ORDER BY name, id`,
      [unitId],
    );
  }

  /** Platform ids of the unit's handlers, for @mentions in its group. */
  private async mentionIds(em: EntityManager, unitId: string): Promise<string[]> {
    const rows: { uid: string | null }[] = await em.query(
      `SELECT coalesce(wecom_user_id, dingtalk_user_id) AS uid FROM person
       WHERE unit_id = $1 AND 'handler' = ANY(roles) AND active ORDER BY name, id`,
      [unitId],
    );
    return rows.map((r) => r.uid).filter((u): u is string => u !== null);
  }

  /** Leaders whose scope holds the lead unit, nearest first (never a plain admin: only leaders decide). */
  private async approvers(em: EntityManager, unitId: string | null): Promise<string[]> {
    return unitId ? nearestLeadersOver(em, unitId) : [];
  }

  private admins(em: EntityManager): Promise<string[]> {
    return this.ids(em, `SELECT id FROM person WHERE 'admin' = ANY(roles) AND active ORDER BY name, id`, []);
  }

  private async ids(em: EntityManager, sql: string, params: unknown[]): Promise<string[]> {
    const rows: { id: string }[] = await em.query(sql, params);
    return rows.map((r) => r.id);
  }
}
