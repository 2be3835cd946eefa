import type { DataSource } from 'typeorm';
import { Category, type Problem } from '../entities';
import type { Verdict } from '../entities/enums';
import { UserError } from '../lib/errors';
import { inferCategory, type CategoryInference } from './category-inference';
import { DeliveryPlanner, recordDelivery } from './delivery-plan';
import type { Notifier } from './notifier';
import type { LedgerResult, ProblemLedgerService, ReportInput, StepOptions } from './problem-ledger.service';
import { type Actor, can } from './permissions';
import { ProblemNotices } from './problem-notices';
import * as msg from './problem-workflow.messages';
import type { QualityCheckService } from './quality-check.service';
import { sendingTransaction } from '../outbox/sender';

/** What a report came to: the problem, and whether it reached a lead unit. */
export interface ReportOutcome {
  problem: Problem;
  replayed: boolean;
  routed: boolean;
}

/**
 * Orchestration on top of the ledger: report → route, and the notifications of every step
 * (`ProblemNotices`, one renderer per event action). Notifications are written to the outbox inside the
 * step's own transaction (opened by `notifying`, which hands it to the ledger as `em`) with keys derived
 * from the event id, so a rolled-back step sends nothing and a replayed step never notifies twice.
 */
export class ProblemWorkflowService {
  private readonly notices: ProblemNotices;

  constructor(
    private readonly ds: DataSource,
    readonly ledger: ProblemLedgerService,
    notifier: Notifier,
    private readonly quality: QualityCheckService,
  ) {
    this.notices = new ProblemNotices(new DeliveryPlanner(notifier), quality, (p) => ledger.tierOf(p));
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
      const routed = await this.notifying({}, (o) => this.ledger.route(problem.code, o));
      if (routed) problem = routed.problem;
    } else if (!problem.categoryId && !reported.replayed) {
      const facts = await this.notices.facts(this.ds.manager, problem);
      const event = reported.events[0];
      const delivery = await this.notices.toCadreOrOffice(
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
    return this.notifying(opts, (o) => this.ledger.assign(code, unitId, actor, o));
  }

  /** 转办: manual reassignment; a pending problem is assigned, an assigned one moved. */
  transfer(code: string, unitId: string, actor: Actor, opts: StepOptions = {}) {
    return this.notifying(opts, (o) => this.ledger.transfer(code, unitId, actor, o));
  }

  accept(code: string, actor: Actor, opts: StepOptions = {}) {
    return this.notifying(opts, (o) => this.ledger.accept(code, actor, o));
  }

  returnProblem(code: string, actor: Actor, opts: StepOptions = {}) {
    return this.notifying(opts, (o) => this.ledger.returnProblem(code, actor, o));
  }

  answer(code: string, text: string, actor: Actor, opts: StepOptions = {}) {
    return this.notifying(opts, (o) => this.ledger.answer(code, text, actor, o));
  }

  deliver(code: string, actor: Actor, opts: StepOptions = {}) {
    return this.notifying(opts, (o) => this.ledger.deliver(code, actor, o));
  }

  rate(code: string, verdict: Verdict, comment: string, actor: Actor, opts: StepOptions = {}) {
    return this.notifying(opts, (o) => this.ledger.rate(code, verdict, comment, actor, o));
  }

  /** 代评: the cadre records the firm's verdict for a firm without a contact. */
  rateByProxy(code: string, verdict: Verdict, comment: string, actor: Actor, opts: StepOptions = {}) {
    return this.notifying(opts, (o) => this.ledger.rateByProxy(code, verdict, comment, actor, o));
  }

  close(code: string, actor: Actor, opts: StepOptions = {}) {
    return this.notifying(opts, (o) => this.ledger.close(code, actor, o));
  }

  withdraw(code: string, actor: Actor, opts: StepOptions = {}) {
    return this.notifying(opts, (o) => this.ledger.withdraw(code, actor, o));
  }

  requestExtension(code: string, days: number, reason: string, actor: Actor, opts: StepOptions = {}) {
    return this.notifying(opts, (o) => this.ledger.requestExtension(code, days, reason, actor, o));
  }

  decideExtension(code: string, approve: boolean, actor: Actor, opts: StepOptions = {}) {
    return this.notifying(opts, (o) => this.ledger.decideExtension(code, approve, actor, o));
  }

  /** 协办: adds a co-handling unit; its group gets the problem as a card (view only). */
  addCoUnit(code: string, unitId: string, actor: Actor, opts: StepOptions = {}) {
    return sendingTransaction(this.ds, async (em) => {
      const result = await this.ledger.addCoUnit(code, unitId, actor, { ...opts, em });
      if (result.replayed) return result;
      const facts = await this.notices.facts(em, result.problem);
      const [co] = await em.query<{ name: string }[]>(`SELECT name FROM org_unit WHERE id = $1`, [unitId]);
      const event = result.events[0];
      const delivery = await this.notices.plan.toUnit(
        em,
        unitId,
        co?.name ?? null,
        `evt-${event.id}`,
        msg.coUnitCard(facts),
      );
      await recordDelivery(em, event.id, delivery);
      event.delivery = delivery.summary;
      return result;
    });
  }

  /** 现场解决 (an on-site session decided it): closed at once, the firm is asked to rate. */
  settleOnSite(code: string, resolution: string, opts: StepOptions = {}) {
    return this.notifying(opts, (o) => this.ledger.settleOnSite(code, resolution, o));
  }

  /** 限期解决 or a policy question: the unit leads it with these terms; its group gets the card. */
  assignWithTerms(
    code: string,
    unitId: string,
    terms: { dueOn: string } | { limitDays: number },
    opts: StepOptions = {},
  ) {
    return this.notifying(opts, (o) => this.ledger.assignWithTerms(code, unitId, terms, o));
  }

  urge(code: string, actor: Actor | null, opts: StepOptions = {}) {
    return this.notifying(opts, (o) => this.ledger.urge(code, actor, o));
  }

  supervise(code: string, actor: Actor | null, opts: StepOptions = {}) {
    return this.notifying(opts, (o) => this.ledger.supervise(code, actor, o));
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
    // The answer is recorded in the ledger step's transaction: both happen or neither.
    const result = await sendingTransaction(this.ds, async (em) => {
      const step: StepOptions = { idempotencyKey: opts.idempotencyKey ?? `qc-${check.id}`, note, em };
      const r = reopen
        ? await this.ledger.reopen(problem.code, null, step)
        : await this.ledger.flag(problem.code, null, step);
      if (r.replayed) return r;
      await this.quality.record(em, check.id, false, answer);
      await this.notices.afterStep(em, r);
      return r;
    });
    if (result.replayed) return 'already';
    return reopen ? 'reopened' : 'flagged';
  }

  /**
   * One ledger step and its notices in one transaction, opened here: the step runs in it (`em`), then the
   * notices of the events it wrote are queued in the outbox before COMMIT. A replay notifies nobody.
   */
  private notifying<R extends LedgerResult | null>(
    opts: StepOptions,
    run: (opts: StepOptions) => Promise<R>,
  ): Promise<R> {
    return sendingTransaction(this.ds, async (em) => {
      const result = await run({ ...opts, em });
      if (result && !result.replayed) await this.notices.afterStep(em, result);
      return result;
    });
  }
}
