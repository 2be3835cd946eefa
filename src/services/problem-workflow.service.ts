import type { DataSource } from 'typeorm';
import { Category, type Problem } from '../entities';
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
import { directory } from '../repositories/directory.repository';

/** A ledger method that is one step: it takes its `StepOptions` last and returns the step's result. */
type NotifiedStep = {
  [K in keyof ProblemLedgerService]: ProblemLedgerService[K] extends (
    ...args: infer A
  ) => Promise<LedgerResult | null>
    ? Required<A> extends [...unknown[], StepOptions]
      ? K
      : never
    : never;
}[keyof ProblemLedgerService];

/** The arguments of a step before its `StepOptions`. */
type StepArgs<K extends NotifiedStep> =
  Required<Parameters<ProblemLedgerService[K]>> extends [...infer Head, StepOptions] ? Head : never;

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
    this.notices = new ProblemNotices(
      new DeliveryPlanner(notifier),
      quality,
      (p) => ledger.tierOf(p),
      notifier.platforms.namespaces,
    );
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
      const routed = await this.step('route', [problem.code]);
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

  /**
   * One ledger step with its notices: `step('accept', [code, actor], opts)` runs `ledger.accept(code, actor, …)`
   * in a transaction opened here and queues the notices of the events it wrote before COMMIT (see
   * `notifying`). Every ledger step whose last parameter is its `StepOptions` can be named; 协办 and the
   * answer to 撤单质检 have their own methods below because they send more than the step's notices.
   */
  step<K extends NotifiedStep>(
    name: K,
    args: StepArgs<K>,
    opts: StepOptions = {},
  ): ReturnType<ProblemLedgerService[K]> {
    const run = this.ledger[name] as (...a: unknown[]) => Promise<LedgerResult | null>;
    return this.notifying(opts, (o) => run.apply(this.ledger, [...args, o])) as ReturnType<
      ProblemLedgerService[K]
    >;
  }

  /** 协办: adds a co-handling unit; its group gets the problem as a card (view only). */
  addCoUnit(code: string, unitId: string, actor: Actor, opts: StepOptions = {}) {
    return sendingTransaction(this.ds, async (em) => {
      const result = await this.ledger.addCoUnit(code, unitId, actor, { ...opts, em });
      if (result.replayed) return result;
      const facts = await this.notices.facts(em, result.problem);
      const coName = await directory.unitName(em, unitId);
      const event = result.events[0];
      const delivery = await this.notices.plan.toUnit(
        em,
        unitId,
        coName,
        `evt-${event.id}`,
        msg.coUnitCard(facts),
      );
      await recordDelivery(em, event.id, delivery);
      event.delivery = delivery.summary;
      return result;
    });
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
