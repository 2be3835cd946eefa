import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../lib/clock';
import { UserError } from '../lib/errors';
import { dateOf } from '../lib/time';
import { type Actor, can } from '../services/permissions';
import { newlyOutOfService, type RosterChanges } from './roster-import.service';
import type { PersonStatus } from './roster.fields';
import { RosterRepository } from './roster.repository';
import { sendingTransaction } from '../outbox/sender';

/** Runs inside the change's transaction (the roster's notices, sent after COMMIT). */
export type AfterRosterChange = (manager: EntityManager, changes: RosterChanges) => Promise<void>;

/**
 * One person's roster changes between imports, as the console makes them: 离岗 / 停用 / back to 在岗
 * with exactly the 人员.状态 column's meaning, and handing firms to another cadre with the 包联
 * sheet's meaning (the firm's open problems follow it). Same repository statements, same lock and
 * same notices as an import; only admins may make them.
 */
export class RosterPersonService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly afterWrite: AfterRosterChange | null = null,
  ) {}

  /** Sets a person's 状态; returns whether anything changed. */
  async setStatus(actor: Actor, personId: string, status: PersonStatus): Promise<{ changed: boolean }> {
    this.allow(actor);
    return sendingTransaction(this.ds, async (m) => {
      const repo = new RosterRepository(m);
      await repo.lock();
      const person = await repo.personRow(personId);
      if (!person) throw new UserError('名册中没有这个人。', 'not_found');
      if (person.id === actor.personId && status !== 'active')
        throw new UserError('不能把自己设为离岗或停用，请由其他管理员操作。', 'conflict');
      const now = this.clock.now();
      const { updated } = await repo.upsertPeople([{ ...person, status }], now, dateOf(now));
      const changes = this.changes(now);
      if (newlyOutOfService(status, person))
        changes.outOfService.push({ personId, status: status as 'disabled' | 'away' });
      if (updated) await this.afterWrite?.(m, changes);
      return { changed: updated > 0 };
    });
  }

  /**
   * Hands firms to another cadre: one firm (`enterpriseId`) or every firm `fromCadreId` holds. The old
   * pairs end as 'reassigned', the new ones start, open problems move with their firm.
   */
  async reassign(
    actor: Actor,
    target: { enterpriseId: string } | { fromCadreId: string },
    toCadreId: string,
  ): Promise<{ firms: number; movedProblems: number }> {
    this.allow(actor);
    return sendingTransaction(this.ds, async (m) => {
      const repo = new RosterRepository(m);
      await repo.lock();
      const to = await repo.personRow(toCadreId);
      if (!to || to.status !== 'active' || !to.roles.includes('cadre'))
        throw new UserError('新的包联干部须是名册中在岗的干部。', 'conflict');
      const firms =
        'enterpriseId' in target ? [target.enterpriseId] : await repo.openFirmsOf(target.fromCadreId);
      if ('fromCadreId' in target && target.fromCadreId === toCadreId)
        throw new UserError('新旧包联干部是同一人。', 'conflict');
      if (firms.length === 0) throw new UserError('没有需要转交的包联企业。', 'conflict');
      const now = this.clock.now();
      await repo.beginPairings();
      await repo.stageReassignment(firms.map((enterpriseId) => ({ cadreId: toCadreId, enterpriseId })));
      const applied = await repo.applyPairings(now);
      if (applied.startedPairs.length === 0)
        throw new UserError('这些企业已由该干部包联（或企业不存在），没有变化。', 'conflict');
      const movedProblems = await repo.moveOpenProblems(applied.startedPairs);
      const changes = {
        ...this.changes(now),
        startedPairs: applied.startedPairs,
        endedPairs: applied.endedPairs,
        movedProblems,
      };
      await this.afterWrite?.(m, changes);
      return { firms: applied.startedPairs.length, movedProblems: movedProblems.length };
    });
  }

  private allow(actor: Actor): void {
    if (!can(actor, 'manage_roster')) throw new UserError('只有管理员可以修改名册。', 'forbidden');
  }

  private changes(at: Date): RosterChanges {
    return { at, startedPairs: [], endedPairs: [], movedProblems: [], outOfService: [] };
  }
}
