import type { DataSource, EntityManager } from 'typeorm';
import type { ScheduleSessionCommand, SessionOutcomeCommand } from '../../commands/parser/types';
import { OnsiteSession } from '../../entities';
import type { Clock } from '../../lib/clock';
import { isUniqueViolation, UserError } from '../../lib/errors';
import { addDays, dateOf, formatDateZh } from '../../lib/time';
import type { OutboundPayload } from '../../outbox/outbound-payload';
import type { OnsiteSessionRepository, SessionFacts } from '../../repositories/onsite-session.repository';
import type { EnterpriseLookupService } from '../enterprise-lookup.service';
import type { Notifier } from '../notifier';
import { type Actor, can } from '../permissions';
import type { ProblemWorkflowService } from '../problem-workflow.service';
import { sessionMinutes, sessionNotice } from './session-messages';
import { sendingTransaction } from '../../outbox/sender';

/** What recording one decision came to. */
export interface Decided {
  code: string;
  session: number;
  recorded: boolean;
  dueOn: string | null;
  minutesSent: boolean;
}

/**
 * 局长（主任）现场办公: schedule (agenda = the firm's open problems), tell the firm and the invited
 * units, remind the day before, record the decisions through the ledger, send the minutes once.
 */
export class SessionService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly repo: OnsiteSessionRepository,
    private readonly lookup: EnterpriseLookupService,
    private readonly workflow: ProblemWorkflowService,
    private readonly notifier: Notifier,
    private readonly resolveUnit: (text: string, what: string) => Promise<string>,
  ) {}

  /** Schedules a session and tells the firm's group and the invited units (their groups, else handlers). */
  async schedule(
    cmd: ScheduleSessionCommand,
    actor: Actor,
    sourceKey: string | null,
  ): Promise<{ facts: SessionFacts; problems: number; replayed: boolean }> {
    if (!can(actor, 'schedule_session'))
      throw new UserError('只有领导或管理员可以安排现场办公。', 'forbidden');
    if (sourceKey) {
      const seen = await this.ds.getRepository(OnsiteSession).findOne({ where: { sourceKey } });
      if (seen) return { ...(await this.summary(this.ds.manager, seen.id)), replayed: true };
    }
    const today = dateOf(this.clock.now());
    if (cmd.date < today) throw new UserError('现场办公的日期不能早于今天。');
    const firm = await this.lookup.lookup(cmd.enterprise, actor.personId);
    if (firm.kind === 'none') throw new UserError(firm.message);
    if (firm.kind === 'choices') {
      throw new UserError(
        `“${cmd.enterprise}”对应多家企业，请写全称：${firm.choices.map((c) => c.name).join('、')}。`,
      );
    }
    const presidingId = await this.presiding(cmd.presiding, actor);
    const unitIds: string[] = [];
    for (const u of cmd.units) unitIds.push(await this.resolveUnit(u, '邀请单位'));
    try {
      return await sendingTransaction(this.ds, async (em) => {
        const session = em.create(OnsiteSession, {
          enterpriseId: firm.enterprise.id,
          heldOn: cmd.date,
          place: cmd.place.slice(0, 200),
          presidingId,
          invitedUnitIds: [...new Set(unitIds)],
          createdById: actor.personId,
          sourceKey,
          createdAt: this.clock.now(),
          updatedAt: this.clock.now(),
        });
        await em.save(session);
        await this.repo.attachOpenProblems(em, session.id, session.enterpriseId);
        const { facts, problems } = await this.summary(em, session.id);
        const items = await this.repo.items(em, session.id);
        await this.tellAll(
          em,
          facts,
          `session-${session.id}-notice`,
          sessionNotice(facts, items, false),
          false,
        );
        return { facts, problems, replayed: false };
      });
    } catch (err) {
      if (sourceKey && isUniqueViolation(err)) return this.schedule(cmd, actor, sourceKey);
      throw err;
    }
  }

  /** The day-before reminder (job `session-reminders`): sessions held the day after `at`. */
  async remind(at: Date, keyPrefix: string): Promise<number> {
    const tomorrow = addDays(dateOf(at), 1);
    return sendingTransaction(this.ds, async (em) => {
      const ids = await this.repo.dueForReminder(em, tomorrow);
      for (const id of ids) {
        const facts = (await this.repo.facts(em, id)) as SessionFacts;
        await this.repo.attachOpenProblems(em, id, facts.enterpriseId);
        const items = await this.repo.items(em, id);
        await this.tellAll(em, facts, `${keyPrefix}s${id}`, sessionNotice(facts, items, true), true);
        await this.repo.markReminded(em, id, at);
      }
      return ids.length;
    });
  }

  /**
   * 现场解决 / 限期解决 / 不能解决 on one problem, by the presiding leader or an admin, on or after the
   * day. Goes through the ledger (现场解决 closes, 限期解决 assigns with the deadline); when every
   * problem on the agenda is decided the minutes go out, once.
   */
  async decide(cmd: SessionOutcomeCommand, actor: Actor, sourceKey: string): Promise<Decided> {
    if (!can(actor, 'record_session_outcome')) {
      throw new UserError('只有主持现场办公的领导或管理员可以记录办理结果。', 'forbidden');
    }
    const today = dateOf(this.clock.now());
    await this.repo.attachToTodaysSession(this.ds.manager, cmd.code, today);
    const item = await this.repo.openItemFor(this.ds.manager, cmd.code, today);
    if (!item) {
      throw new UserError(`问题 ${cmd.code} 不在今天（或之前）尚未结束的现场办公议题中。`);
    }
    if (item.presidingId !== actor.personId && !actor.roles.includes('admin')) {
      throw new UserError(
        `现场办公 ${item.number} 由其他领导主持，只有主持领导或管理员可以记录。`,
        'forbidden',
      );
    }
    if (item.outcome)
      return { code: cmd.code, session: item.number, recorded: false, dueOn: null, minutesSent: false };
    const opts = { idempotencyKey: sourceKey, recordedById: actor.personId, note: `现场办公 ${item.number}` };
    let unitId: string | null = null;
    let dueOn: string | null = null;
    if (cmd.outcome === 'onsite') {
      await this.workflow.step('settleOnSite', [cmd.code, cmd.note], opts);
    } else if (cmd.outcome === 'deadline') {
      unitId = await this.resolveUnit(cmd.unit ?? '', '责任单位');
      const r = await this.workflow.step(
        'assignWithTerms',
        [cmd.code, unitId, { dueOn: cmd.deadline as string }],
        opts,
      );
      dueOn = r.problem.dueOn;
    }
    return sendingTransaction(this.ds, async (em) => {
      const recorded = await this.repo.decide(
        em,
        item.itemId,
        { outcome: cmd.outcome, deadline: dueOn, unitId, note: cmd.note || null },
        this.clock.now(),
      );
      const minutesSent = await this.minutesIfDone(em, item.sessionId);
      return { code: cmd.code, session: item.number, recorded, dueOn, minutesSent };
    });
  }

  /**
   * Minutes recorded by the presiding leader or an admin on or after the day, with a summary: the
   * way a session that had no problems on its agenda (or whose problems are all decided) is closed.
   * Sent once; a session with undecided problems is refused, naming how many are left.
   */
  async recordMinutes(number: number, summary: string, actor: Actor): Promise<{ sent: boolean }> {
    if (!can(actor, 'record_session_outcome')) {
      throw new UserError('只有主持现场办公的领导或管理员可以记录纪要。', 'forbidden');
    }
    const text = summary.trim();
    if (!text) throw new UserError('请填写纪要内容。');
    return sendingTransaction(this.ds, async (em) => {
      const id = await this.repo.idByNumber(em, number);
      const facts = id ? await this.repo.facts(em, id) : null;
      if (!id || !facts) throw new UserError(`没有编号为 ${number} 的现场办公。`, 'not_found');
      if (facts.presidingId !== actor.personId && !actor.roles.includes('admin')) {
        throw new UserError(`现场办公 ${number} 由其他领导主持，只有主持领导或管理员可以记录。`, 'forbidden');
      }
      if (facts.heldOn > dateOf(this.clock.now()))
        throw new UserError(`现场办公 ${number} 定于${formatDateZh(facts.heldOn)}，办公之后才能记录纪要。`);
      if (facts.minutesSentAt) return { sent: false };
      const items = await this.repo.items(em, id);
      const open = items.filter((i) => i.outcome === null).length;
      if (open > 0)
        throw new UserError(`现场办公 ${number} 还有 ${open} 个问题未记录办理结果，请先逐个记录。`);
      if (!(await this.repo.claimMinutes(em, id, this.clock.now()))) return { sent: false };
      await this.tellAll(em, facts, `session-${id}-minutes`, sessionMinutes(facts, items, text), true);
      return { sent: true };
    });
  }

  /** Sends the minutes once every agenda line is decided. */
  private async minutesIfDone(em: EntityManager, sessionId: string): Promise<boolean> {
    const items = await this.repo.items(em, sessionId);
    if (items.some((i) => i.outcome === null)) return false;
    if (!(await this.repo.claimMinutes(em, sessionId, this.clock.now()))) return false;
    const facts = (await this.repo.facts(em, sessionId)) as SessionFacts;
    await this.tellAll(em, facts, `session-${sessionId}-minutes`, sessionMinutes(facts, items), true);
    return true;
  }

  private async summary(em: EntityManager, id: string): Promise<{ facts: SessionFacts; problems: number }> {
    const facts = (await this.repo.facts(em, id)) as SessionFacts;
    return { facts, problems: (await this.repo.items(em, id)).length };
  }

  /** The firm's group, each invited unit (group, else handlers) and, when asked, the presiding leader. */
  private async tellAll(
    em: EntityManager,
    s: SessionFacts,
    key: string,
    payload: OutboundPayload,
    withLeader: boolean,
  ): Promise<void> {
    await this.notifier.toGroups(em, { purpose: 'enterprise', enterpriseId: s.enterpriseId }, key, payload);
    for (const unitId of s.invitedUnitIds) {
      const sent = await this.notifier.toGroups(em, { purpose: 'unit', unitId }, key, payload);
      if (sent > 0) continue;
      for (const id of await this.repo.handlersOf(em, unitId))
        await this.notifier.toPerson(em, id, key, payload);
    }
    if (withLeader) await this.notifier.toPerson(em, s.presidingId, key, payload);
  }

  /** The presiding leader: the one named after 主持, else the sender when a leader. */
  private async presiding(name: string | null, actor: Actor): Promise<string> {
    if (!name) {
      if (actor.roles.includes('leader')) return actor.personId;
      throw new UserError('请写明主持的领导，例：主持：张伟。');
    }
    const found = await this.repo.leadersNamed(this.ds.manager, name);
    if (found.length === 1) return found[0].id;
    if (found.length === 0) throw new UserError(`名单里没有名为“${name}”的领导，请写主持领导的姓名。`);
    throw new UserError(`“${name}”对应多位领导：${found.map((f) => f.name).join('、')}，请写全名。`);
  }
}
