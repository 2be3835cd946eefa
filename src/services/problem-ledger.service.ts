import type { DataSource, EntityManager } from 'typeorm';
import type { TierThresholds } from '../config';
import {
  Category,
  ExtensionRequest,
  OrgUnit,
  Problem,
  ProblemCoUnit,
  ProblemEvent,
  Rating,
} from '../entities';
import type { ProblemEventAction, Tier, Verdict } from '../entities/enums';
import type { Clock } from '../lib/clock';
import { AppError, isUniqueViolation, UserError } from '../lib/errors';
import { dateOf, type IsoDate } from '../lib/time';
import { directory } from '../repositories/directory.repository';
import type { CalendarSource } from './calendar.service';
import {
  dropPendingExtension,
  eventByKey,
  eventsOf,
  insertEvents,
  isUuid,
  lockProblem,
  scopeFacts,
  whereVisibleTo,
} from '../repositories/problem-ledger.queries';
import { insertReport, replayReport } from './problem-ledger.report';
import {
  event,
  type EventSpec,
  type LedgerResult,
  type ProblemFilters,
  type ReportInput,
  type StepOptions,
} from './problem-ledger.types';
import { canStartFrom, isService, statusRefusal } from './problem-ledger.transitions';
import { type Actor, type LedgerAction, permits, refusal } from './permissions';
import { tierBoundaries, tierCondition, tierOf } from './tier';
import type { WorkdayCalendar } from './workday-calendar';
import { sendingTransaction } from '../outbox/sender';

export type { LedgerResult, ProblemFilters, ReportInput, StepOptions } from './problem-ledger.types';

/** Working days a problem gets when it has no category. */
export const DEFAULT_TIME_LIMIT_DAYS = 5;

type Step = Exclude<LedgerAction, 'view'>;

interface StepContext {
  em: EntityManager;
  problem: Problem;
  now: Date;
  today: IsoDate;
  calendar: WorkdayCalendar;
}

interface StepOutcome {
  events: EventSpec[];
  extension?: ExtensionRequest;
}

const VERDICT_ZH: Record<Verdict, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

const withNote = (base: string, note?: string) => (note?.trim() ? `${base}：${note.trim()}` : base);

/**
 * The problem ledger's one state machine: pending → assigned → accepted → answered → closed, with
 * return, redo, withdraw, transfer, admin close, extensions, co-units and, for services, delivery.
 * Every step locks the problem row, checks role × action × data scope and status, and writes its
 * event(s) in the same transaction.
 */
export class ProblemLedgerService {
  constructor(
    private readonly ds: DataSource,
    private readonly calendars: CalendarSource,
    private readonly clock: Clock,
    private readonly tiers: TierThresholds,
  ) {}

  /** Records a new pending problem with a fresh code and the enterprise's current cadre. */
  async report(input: ReportInput, actor: Actor): Promise<LedgerResult> {
    const description = input.description.trim();
    if (!description) throw new UserError('请描述要反映的问题。');
    try {
      return await sendingTransaction(this.ds, (em) =>
        insertReport(em, this.clock.now(), input, description, actor),
      );
    } catch (err) {
      // Two deliveries of one message raced past the source-key check: the first one won.
      if (input.sourceKey && isUniqueViolation(err)) {
        const again = await replayReport(this.ds.manager, input.sourceKey);
        if (again) return again;
      }
      throw err;
    }
  }

  /**
   * Routes a pending problem by its category (lead unit and limit). Null when there is nothing to
   * route: no category, not pending, or returned once already (the catalogue sent it to the wrong
   * unit, so a cadre or admin picks the next one).
   */
  async route(code: string, opts: StepOptions = {}): Promise<LedgerResult | null> {
    const problem = await this.ds.manager.findOne(Problem, { where: { code: normalize(code) } });
    if (!problem) throw notFound(code);
    if (problem.status !== 'pending' || !problem.categoryId || problem.returnCount > 0) return null;
    return this.step(code, null, 'assign', opts, async (ctx) => {
      const categoryId = ctx.problem.categoryId as string;
      const category = await ctx.em.findOneOrFail(Category, { where: { id: categoryId } });
      return this.assignTo(ctx, category.leadUnitId, 'assign', opts);
    });
  }

  /** Assigns a pending problem to a lead unit; the deadline is the category's limit in working days. */
  assign(code: string, unitId: string, actor: Actor, opts: StepOptions = {}): Promise<LedgerResult> {
    return this.step(code, actor, 'assign', opts, (ctx) => this.assignTo(ctx, unitId, 'assign', opts));
  }

  /** Moves a pending or assigned problem to another lead unit, with a fresh deadline. */
  transfer(code: string, unitId: string, actor: Actor, opts: StepOptions = {}): Promise<LedgerResult> {
    return this.step(code, actor, 'transfer', opts, async (ctx) => {
      if (ctx.problem.leadUnitId === unitId) throw new UserError('该问题已由该单位牵头办理。');
      await dropPendingExtension(ctx.em, ctx.problem.id, ctx.now);
      return this.assignTo(ctx, unitId, 'transfer', opts);
    });
  }

  /** The lead unit's handler accepts the problem and becomes its named handler. */
  accept(code: string, actor: Actor, opts: StepOptions = {}): Promise<LedgerResult> {
    return this.step(code, actor, 'accept', opts, ({ problem, now }) => {
      problem.status = 'accepted';
      problem.acceptedAt = now;
      problem.handlerId = actor.personId;
      return { events: [event('accept', 'assigned', 'accepted', withNote('已受理', opts.note))] };
    });
  }

  /** The unit returns a misrouted problem (回退): back to pending, counted, lead unit cleared. */
  returnProblem(code: string, actor: Actor, opts: StepOptions = {}): Promise<LedgerResult> {
    return this.step(code, actor, 'return', opts, async ({ em, problem, now }) => {
      if (!opts.note?.trim()) throw new UserError('请说明回退原因。');
      const from = problem.status;
      await dropPendingExtension(em, problem.id, now);
      patch(problem, {
        status: 'pending',
        returnCount: problem.returnCount + 1,
        leadUnitId: null,
        handlerId: null,
        assignedAt: null,
        acceptedAt: null,
        dueOn: null,
        extensionDays: 0,
      });
      return { events: [event('return', from, 'pending', withNote('回退', opts.note))] };
    });
  }

  /** The unit answers with its resolution; the enterprise is asked to confirm and rate. */
  answer(code: string, resolution: string, actor: Actor, opts: StepOptions = {}): Promise<LedgerResult> {
    return this.step(code, actor, 'answer', opts, ({ problem, now }) => {
      const text = resolution.trim();
      if (!text) throw new UserError('请填写答复内容。');
      problem.status = 'answered';
      problem.resolution = text;
      problem.answeredAt = now;
      return { events: [event('answer', 'accepted', 'answered', text)] };
    });
  }

  /** For services (帮办/陪办/代办/绿色通道): the result was delivered to the enterprise. */
  deliver(code: string, actor: Actor, opts: StepOptions = {}): Promise<LedgerResult> {
    return this.step(code, actor, 'deliver', opts, ({ problem, now }) => {
      if (!isService(problem.kind)) throw new UserError('只有帮办、陪办、代办和绿色通道服务需要送达。');
      if (problem.deliveredAt) throw new UserError('该服务结果已送达企业。');
      problem.deliveredAt = now;
      return { events: [event('deliver', 'answered', 'answered', withNote('已送达企业', opts.note))] };
    });
  }

  /**
   * The enterprise rates the answer: 满意/基本满意 close the problem (销号), 不满意 sends it back
   * to the unit as a redo. Either way the unit gets a rating row.
   */
  rate(
    code: string,
    verdict: Verdict,
    comment: string,
    actor: Actor,
    opts: StepOptions = {},
  ): Promise<LedgerResult> {
    return this.step(code, actor, 'rate', opts, async (ctx) => {
      // A closed problem is rated only when an on-site session settled it and nobody rated it yet.
      const { em, problem } = ctx;
      if (
        problem.status === 'closed' &&
        !(problem.rating === null && (await lastEventIs(em, problem.id, 'settle_onsite')))
      ) {
        throw new UserError(statusRefusal('rate', problem.status), 'invalid_transition');
      }
      return this.applyRating(ctx, verdict, comment, actor, false);
    });
  }

  /**
   * 代评: for a firm without an active contact, its cadre (or an admin) records the firm's verdict
   * after asking it; `comment` says how it was confirmed (电话确认…). Marked as by proxy in the
   * rating row, the event (rate_proxy / redo) and the problem's closure.
   */
  rateByProxy(
    code: string,
    verdict: Verdict,
    comment: string,
    actor: Actor,
    opts: StepOptions = {},
  ): Promise<LedgerResult> {
    return this.step(code, actor, 'rate_proxy', opts, async (ctx) => {
      const contacts = await directory.contacts(ctx.em, ctx.problem.enterpriseId);
      if (contacts.length > 0) throw new UserError('该企业有联系人，请由企业联系人评价。', 'forbidden');
      if (!comment.trim()) {
        throw new UserError(
          `请说明如何向企业确认的，例如：代评 ${ctx.problem.code} 满意 电话确认`,
          'incomplete',
        );
      }
      return this.applyRating(ctx, verdict, comment, actor, true);
    });
  }

  private async applyRating(
    { em, problem, now }: StepContext,
    verdict: Verdict,
    comment: string,
    actor: Actor,
    byProxy: boolean,
  ): Promise<StepOutcome> {
    const from = problem.status;
    if (isService(problem.kind) && !problem.deliveredAt && from !== 'closed') {
      throw new UserError('该服务结果尚未送达企业，暂不能评价。');
    }
    await em.insert(Rating, {
      subject: 'unit',
      enterpriseId: problem.enterpriseId,
      raterId: actor.personId,
      unitId: problem.leadUnitId,
      problemId: problem.id,
      verdict,
      comment: comment.trim(),
      byProxy,
      createdAt: now,
    });
    problem.rating = verdict;
    const note = withNote(`${byProxy ? '代评' : ''}${VERDICT_ZH[verdict]}`, comment);
    if (verdict === 'unsatisfied') {
      patch(problem, {
        status: 'accepted',
        redoCount: problem.redoCount + 1,
        answeredAt: null,
        deliveredAt: null,
      });
      if (from === 'closed') patch(problem, { closedAt: null, closedById: null, closure: null });
      return { events: [event('redo', from, 'accepted', note)] };
    }
    if (from === 'closed') {
      patch(problem, { closure: byProxy ? 'proxy' : 'rated' });
      return { events: [event('rate', 'closed', 'closed', note)] };
    }
    patch(problem, {
      status: 'closed',
      closedAt: now,
      closedById: actor.personId,
      closure: byProxy ? 'proxy' : 'rated',
    });
    return { events: [event(byProxy ? 'rate_proxy' : 'rate', 'answered', 'closed', note)] };
  }

  /**
   * 现场解决 at an on-site session: closed at once with the decision as its resolution; the firm is
   * still asked to rate (不满意 reopens it as a redo). The session checked who decides (no actor here).
   */
  settleOnSite(code: string, resolution: string, opts: StepOptions = {}): Promise<LedgerResult> {
    return this.step(code, null, 'settle_onsite', opts, async ({ em, problem, now }) => {
      const from = problem.status;
      await dropPendingExtension(em, problem.id, now);
      patch(problem, {
        status: 'closed',
        resolution: resolution.trim() || '现场解决',
        answeredAt: problem.answeredAt ?? now,
        closedAt: now,
        closedById: opts.recordedById ?? null,
      });
      return { events: [event('settle_onsite', from, 'closed', withNote('现场办公现场解决', opts.note))] };
    });
  }

  /**
   * 限期解决 at an on-site session (or a policy question sent to its contact unit): the unit leads
   * it with this deadline (`dueOn`) or this many working days. A pending problem is assigned, one at
   * another unit moved there, one the unit already handles keeps its status and gets the deadline.
   */
  assignWithTerms(
    code: string,
    unitId: string,
    terms: { dueOn: IsoDate } | { limitDays: number },
    opts: StepOptions = {},
  ): Promise<LedgerResult> {
    return this.step(code, null, 'set_deadline', opts, async (ctx) => {
      const { em, problem, today, calendar } = ctx;
      const unit = await findUnit(em, unitId);
      const dueOn = 'dueOn' in terms ? terms.dueOn : calendar.addWorkdays(today, terms.limitDays);
      if (dueOn < today) throw new UserError('办结期限不能早于今天。');
      const from = problem.status;
      const note = withNote(`限期${formatDue(dueOn)}前由${unit.name}办结`, opts.note);
      if (from === 'accepted' && problem.leadUnitId === unit.id) {
        await dropPendingExtension(em, problem.id, ctx.now);
        patch(problem, { dueOn, extensionDays: 0 });
        return { events: [event('set_deadline', from, from, note)] };
      }
      await dropPendingExtension(em, problem.id, ctx.now);
      patch(problem, {
        status: 'assigned',
        leadUnitId: unit.id,
        handlerId: null,
        assignedAt: ctx.now,
        acceptedAt: null,
        dueOn,
        extensionDays: 0,
      });
      return { events: [event(from === 'pending' ? 'assign' : 'transfer', from, 'assigned', note)] };
    });
  }

  /** An admin strikes the problem off without the enterprise (recorded as such). */
  close(code: string, actor: Actor, opts: StepOptions = {}): Promise<LedgerResult> {
    return this.step(code, actor, 'close', opts, async ({ em, problem, now }) => {
      const from = problem.status;
      await dropPendingExtension(em, problem.id, now);
      patch(problem, { status: 'closed', closedAt: now, closedById: actor.personId, closure: 'admin' });
      return { events: [event('admin_close', from, 'closed', withNote('管理员销号', opts.note))] };
    });
  }

  /** The enterprise withdraws its problem (sampled later by 撤单质检). */
  withdraw(code: string, actor: Actor, opts: StepOptions = {}): Promise<LedgerResult> {
    return this.step(code, actor, 'withdraw', opts, async ({ em, problem, now }) => {
      const from = problem.status;
      await dropPendingExtension(em, problem.id, now);
      patch(problem, { status: 'withdrawn', withdrawnAt: now });
      return { events: [event('withdraw', from, 'withdrawn', withNote('企业撤回', opts.note))] };
    });
  }

  /** The lead unit asks for more working days, before the deadline, one request at a time. */
  requestExtension(
    code: string,
    days: number,
    reason: string,
    actor: Actor,
    opts: StepOptions = {},
  ): Promise<LedgerResult> {
    return this.step(code, actor, 'request_extension', opts, async ({ em, problem, today }) => {
      if (!Number.isInteger(days) || days <= 0 || days > 60) {
        throw new UserError('延期天数须为 1 到 60 之间的整数（工作日）。');
      }
      if (!reason.trim()) throw new UserError('请说明延期原因。');
      if (problem.dueOn && today > problem.dueOn) throw new UserError('已超过办理期限，不能再申请延期。');
      const pending = await em.findOne(ExtensionRequest, {
        where: { problemId: problem.id, status: 'pending' },
      });
      if (pending) throw new UserError('该问题已有待审批的延期申请。');
      const extension = await em.save(
        em.create(ExtensionRequest, {
          problemId: problem.id,
          requestedById: actor.personId,
          days,
          reason: reason.trim(),
          status: 'pending',
        }),
      );
      const note = `申请延期${days}个工作日：${reason.trim()}`;
      return { events: [event('extend_request', problem.status, problem.status, note)], extension };
    });
  }

  /** A leader approves (deadline moves by the requested working days) or refuses the pending request. */
  decideExtension(
    code: string,
    approve: boolean,
    actor: Actor,
    opts: StepOptions = {},
  ): Promise<LedgerResult> {
    return this.step(code, actor, 'decide_extension', opts, async ({ em, problem, now, calendar }) => {
      const extension = await em.findOne(ExtensionRequest, {
        where: { problemId: problem.id, status: 'pending' },
      });
      if (!extension) throw new UserError('该问题没有待审批的延期申请。');
      patch(extension, {
        status: approve ? 'approved' : 'refused',
        decidedById: actor.personId,
        decidedAt: now,
      });
      await em.save(extension);
      let note = withNote(`不同意延期${extension.days}个工作日`, opts.note);
      if (approve && problem.dueOn) {
        problem.dueOn = calendar.addWorkdays(problem.dueOn, extension.days);
        problem.extensionDays += extension.days;
        note = withNote(`同意延期${extension.days}个工作日，期限改为${problem.dueOn}`, opts.note);
      }
      const action = approve ? 'extend_approve' : 'extend_refuse';
      return { events: [event(action, problem.status, problem.status, note)], extension };
    });
  }

  /** Adds a co-handling unit (协办单位). */
  addCoUnit(code: string, unitId: string, actor: Actor, opts: StepOptions = {}): Promise<LedgerResult> {
    return this.step(code, actor, 'add_co_unit', opts, async ({ em, problem }) => {
      const unit = await findUnit(em, unitId);
      if (problem.leadUnitId === unit.id) throw new UserError('牵头单位不能同时作为协办单位。');
      const existing = await em.findOne(ProblemCoUnit, { where: { problemId: problem.id, unitId: unit.id } });
      if (existing) throw new UserError('该单位已是协办单位。');
      await em.insert(ProblemCoUnit, { problemId: problem.id, unitId: unit.id, addedAt: this.clock.now() });
      return { events: [event('add_co_unit', problem.status, problem.status, `协办单位：${unit.name}`)] };
    });
  }

  /** 催办: records a nudge to the lead unit (null actor: the chasing job). */
  urge(code: string, actor: Actor | null, opts: StepOptions = {}): Promise<LedgerResult> {
    return this.step(code, actor, 'urge', opts, ({ problem }) => ({
      events: [event('urge', problem.status, problem.status, withNote('催办', opts.note))],
    }));
  }

  /** 督办: records a leader's (or the chasing job's) supervision of the lead unit. */
  supervise(code: string, actor: Actor | null, opts: StepOptions = {}): Promise<LedgerResult> {
    return this.step(code, actor, 'supervise', opts, ({ problem }) => ({
      events: [event('supervise', problem.status, problem.status, withNote('督办', opts.note))],
    }));
  }

  /** 撤单质检 found a closed problem unsolved: back to the lead unit as a redo (event quality_reopen). */
  reopen(code: string, actor: Actor | null, opts: StepOptions = {}): Promise<LedgerResult> {
    return this.step(code, actor, 'reopen', opts, ({ problem }) => {
      if (!problem.leadUnitId) throw new UserError('该问题没有牵头单位，无法重新办理。');
      patch(problem, {
        status: 'accepted',
        redoCount: problem.redoCount + 1,
        answeredAt: null,
        deliveredAt: null,
        closedAt: null,
        closedById: null,
        closure: null,
      });
      return {
        events: [event('quality_reopen', 'closed', 'accepted', withNote('质检未解决，重新办理', opts.note))],
      };
    });
  }

  /** 撤单质检 contradicts a closure or withdrawal: the problem is flagged (event quality_flag). */
  flag(code: string, actor: Actor | null, opts: StepOptions = {}): Promise<LedgerResult> {
    return this.step(code, actor, 'flag', opts, ({ problem }) => {
      problem.flagged = true;
      return {
        events: [event('quality_flag', problem.status, problem.status, withNote('质检存疑', opts.note))],
      };
    });
  }

  /** The problem with this code, or null; with an actor, only when the actor may see it. */
  async findByCode(code: string, actor?: Actor): Promise<Problem | null> {
    const qb = this.ds.manager
      .createQueryBuilder(Problem, 'p')
      .where('p.code = :code', { code: normalize(code) });
    if (actor) whereVisibleTo(qb, actor);
    return qb.getOne();
  }

  /** A problem's history, oldest first. */
  eventsOf(problemId: string): Promise<ProblemEvent[]> {
    return eventsOf(this.ds.manager, problemId);
  }

  /** Problems the actor may see, newest first, with the total before paging. */
  async listForActor(actor: Actor, f: ProblemFilters = {}): Promise<{ items: Problem[]; total: number }> {
    const qb = this.ds.manager.createQueryBuilder(Problem, 'p');
    whereVisibleTo(qb, actor);
    if (f.status) qb.andWhere('p.status IN (:...statuses)', { statuses: [f.status].flat() });
    if (f.kind) qb.andWhere('p.kind = :kind', { kind: f.kind });
    if (f.categoryId) qb.andWhere('p.category_id = :categoryId', { categoryId: f.categoryId });
    if (f.unitId) qb.andWhere('p.lead_unit_id = :unitId', { unitId: f.unitId });
    if (f.enterpriseId) qb.andWhere('p.enterprise_id = :enterpriseId', { enterpriseId: f.enterpriseId });
    if (f.tier) {
      const bounds = tierBoundaries(this.today(), this.calendars.current(), this.tiers);
      const cond = tierCondition(f.tier, bounds, this.tiers, 'p');
      qb.andWhere(cond.sql, cond.params);
    }
    qb.orderBy('p.created_at', 'DESC').addOrderBy('p.code', 'DESC');
    qb.take(f.limit ?? 50).skip(f.offset ?? 0);
    const [items, total] = await qb.getManyAndCount();
    return { items, total };
  }

  /** The problem's colour today. */
  tierOf(problem: Pick<Problem, 'status' | 'dueOn' | 'redoCount'>): Tier {
    return tierOf(problem, this.today(), this.calendars.current(), this.tiers);
  }

  private today(): IsoDate {
    return dateOf(this.clock.now());
  }

  /**
   * One step: lock the row, replay a seen idempotency key, check permission then status, apply,
   * save the problem and write the events — all in one transaction. A null actor is the system.
   */
  private step(
    code: string,
    actor: Actor | null,
    action: Step,
    opts: StepOptions,
    apply: (ctx: StepContext) => StepOutcome | Promise<StepOutcome>,
  ): Promise<LedgerResult> {
    const run = async (em: EntityManager): Promise<LedgerResult> => {
      const problem = await lockProblem(em, normalize(code));
      if (!problem) throw notFound(code);
      if (opts.idempotencyKey) {
        const seen = await eventByKey(em, opts.idempotencyKey);
        if (seen) {
          if (seen.problemId !== problem.id) {
            throw new AppError(
              'idempotency_conflict',
              `key ${opts.idempotencyKey} belongs to another problem`,
            );
          }
          return { problem, events: [seen], replayed: true };
        }
      }
      if (actor) {
        const scope = await scopeFacts(em, actor, problem.id);
        if (!permits(action, actor, scope)) {
          throw new UserError(refusal(action, actor, scope), 'forbidden');
        }
      }
      if (!canStartFrom(action, problem.status)) {
        throw new UserError(statusRefusal(action, problem.status), 'invalid_transition');
      }
      const now = this.clock.now();
      const ctx: StepContext = { em, problem, now, today: dateOf(now), calendar: this.calendars.current() };
      const before = { ...problem };
      const outcome = await apply(ctx);
      await saveChanged(em, before, problem);
      const events = await insertEvents(
        em,
        problem.id,
        actor?.personId ?? opts.recordedById ?? null,
        now,
        outcome.events,
        opts.idempotencyKey,
      );
      const result: LedgerResult = { problem, events, replayed: false, extension: outcome.extension };
      await opts.inTransaction?.(em, result);
      return result;
    };
    return opts.em ? run(opts.em) : sendingTransaction(this.ds, run);
  }

  private async assignTo(ctx: StepContext, unitId: string, action: 'assign' | 'transfer', opts: StepOptions) {
    const { em, problem, now, today, calendar } = ctx;
    const unit = await findUnit(em, unitId);
    const limit = await this.timeLimit(em, problem.categoryId);
    const from = problem.status;
    patch(problem, {
      status: 'assigned',
      leadUnitId: unit.id,
      handlerId: null,
      assignedAt: now,
      acceptedAt: null,
      dueOn: calendar.addWorkdays(today, limit),
      extensionDays: 0,
    });
    const verb = action === 'assign' ? '交办' : '转办';
    const note = withNote(`${verb}${unit.name}，${limit}个工作日内办结（${problem.dueOn}前）`, opts.note);
    return { events: [event(action, from, 'assigned', note)] };
  }

  private async timeLimit(em: EntityManager, categoryId: string | null): Promise<number> {
    if (!categoryId) return DEFAULT_TIME_LIMIT_DAYS;
    const category = await em.findOne(Category, { where: { id: categoryId } });
    return category?.timeLimitDays ?? DEFAULT_TIME_LIMIT_DAYS;
  }
}

/**
 * Writes the columns a step changed in one UPDATE (updated_at set by the database and read back), or
 * nothing when it changed none, as `em.save` does; `em.save` would first read the row again to find
 * the changes, a round trip for a row this transaction has just locked and read.
 */
async function saveChanged(em: EntityManager, before: Problem, after: Problem): Promise<void> {
  const changes: Record<string, unknown> = {};
  for (const column of em.connection.getMetadata(Problem).columns) {
    if (column.isPrimary || column.isCreateDate || column.isUpdateDate || !column.isUpdate) continue;
    const was: unknown = column.getEntityValue(before);
    const is: unknown = column.getEntityValue(after);
    const same = was instanceof Date && is instanceof Date ? was.getTime() === is.getTime() : was === is;
    if (!same) changes[column.propertyName] = is;
  }
  if (Object.keys(changes).length === 0) return;
  const result = await em
    .createQueryBuilder()
    .update(Problem)
    .set(changes)
    .where('id = :id', { id: after.id })
    .returning('updated_at')
    .execute();
  const [row] = result.raw as { updated_at: Date }[];
  if (!row) throw new Error(`problem ${after.code} vanished inside its own transaction`);
  after.updatedAt = row.updated_at;
}

/** Object.assign, type-checked against the entity. */
function patch<T>(target: T, changes: Partial<T>): T {
  return Object.assign(target as object, changes) as T;
}

function normalize(code: string): string {
  return code.trim().toUpperCase();
}

/** "12月20日" for a deadline in a history note. */
function formatDue(date: IsoDate): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** True when the problem's latest event is `action` (e.g. it was closed by 现场解决). */
async function lastEventIs(
  em: EntityManager,
  problemId: string,
  action: ProblemEventAction,
): Promise<boolean> {
  const [row] = await em.query<{ action: ProblemEventAction }[]>(
    `SELECT action FROM problem_event WHERE problem_id = $1 ORDER BY at DESC, id DESC LIMIT 1`,
    [problemId],
  );
  return row?.action === action;
}

function notFound(code: string): UserError {
  return new UserError(`找不到编号为 ${code.trim()} 的问题。`, 'not_found');
}

async function findUnit(em: EntityManager, unitId: string): Promise<OrgUnit> {
  const unit = isUuid(unitId) ? await em.findOne(OrgUnit, { where: { id: unitId } }) : null;
  if (!unit) throw new UserError('找不到该办理单位。');
  return unit;
}
