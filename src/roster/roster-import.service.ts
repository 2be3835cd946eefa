import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../lib/clock';
import { dateOf } from '../lib/time';
import { chunks } from './pg-array';
import { RosterRepository, type PairRef, type UpsertResult } from './roster.repository';
import type { SheetName } from './roster.sheets';
import type { RawRoster, Roster, RosterError, RosterPerson } from './roster.types';
import { validateRoster } from './roster.validator';
import { sendingTransaction } from '../outbox/sender';

/** What an import did to one sheet's rows. `ended` is used by 包联 only. */
export interface SheetCounts {
  created: number;
  updated: number;
  unchanged: number;
  ended: number;
}

export type ImportCounts = Record<SheetName, SheetCounts>;

export interface ImportProgress {
  sheet: SheetName;
  done: number;
  total: number;
}

/** Who this import took out of service or handed on, for the notices after it (roster-notices.ts). */
export interface RosterChanges {
  /** The import's instant (pairs it ended carry it as ended_at). */
  at: Date;
  startedPairs: PairRef[];
  endedPairs: PairRef[];
  /** Open problems that followed their firm to its new cadre. */
  movedProblems: { id: string; code: string; enterpriseId: string; fromCadreId: string; toCadreId: string }[];
  /** People this import made 停用 (marked, or missing from the 人员 sheet) or 离岗. */
  outOfService: { personId: string; status: 'disabled' | 'away' }[];
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Runs inside the import's transaction once everything is written (notices go out after COMMIT). */
  afterWrite?: (manager: EntityManager, changes: RosterChanges) => Promise<void>;
  /** Rows per statement. */
  batchSize?: number;
}

export type ImportOutcome =
  { ok: true; counts: ImportCounts; changes: RosterChanges } | { ok: false; errors: RosterError[] };

const BATCH = 1000;

/** Writes rosters into the database: one transaction, set-based SQL, idempotent. */
export class RosterImportService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Writes an already validated roster in one transaction and returns what changed per sheet. */
  async import(roster: Roster, options: ImportOptions = {}): Promise<ImportCounts> {
    return sendingTransaction(this.ds, async (m) => {
      const repo = new RosterRepository(m);
      await repo.lock();
      const { counts, changes } = await this.write(repo, roster, options);
      await options.afterWrite?.(m, changes);
      return counts;
    });
  }

  /**
   * Validates rows against the database as it is inside the transaction, then writes them; on any error
   * nothing is written and every error is returned.
   */
  async importRaw(raw: RawRoster, options: ImportOptions = {}): Promise<ImportOutcome> {
    return sendingTransaction(this.ds, (m: EntityManager) => this.validateAndWrite(m, raw, options));
  }

  /**
   * What importing would do, without doing it: the very same validation and writes inside a
   * transaction that is always rolled back (no notices either), so the counts are the import's own.
   */
  async preview(raw: RawRoster): Promise<ImportOutcome> {
    try {
      await sendingTransaction(this.ds, async (m: EntityManager) => {
        throw new RolledBack(await this.validateAndWrite(m, raw, {}));
      });
    } catch (err) {
      if (err instanceof RolledBack) return err.outcome;
      throw err;
    }
    throw new Error('unreachable: a preview transaction always rolls back');
  }

  private async validateAndWrite(
    m: EntityManager,
    raw: RawRoster,
    options: ImportOptions,
  ): Promise<ImportOutcome> {
    const repo = new RosterRepository(m);
    await repo.lock();
    const result = validateRoster(raw, await repo.loadExisting());
    if (!result.ok) return { ok: false, errors: result.errors };
    const { counts, changes } = await this.write(repo, result.roster, options);
    await options.afterWrite?.(m, changes);
    return { ok: true, counts, changes };
  }

  private async write(
    repo: RosterRepository,
    roster: Roster,
    options: ImportOptions,
  ): Promise<{ counts: ImportCounts; changes: RosterChanges }> {
    const now = this.clock.now();
    const size = options.batchSize ?? BATCH;
    const counts = {} as ImportCounts;
    const track = async <T>(
      sheet: SheetName,
      rows: T[],
      step: (batch: T[]) => Promise<UpsertResult | void>,
    ) => {
      const c: SheetCounts = { created: 0, updated: 0, unchanged: 0, ended: 0 };
      let done = 0;
      options.onProgress?.({ sheet, done, total: rows.length });
      for (const batch of chunks(rows, size)) {
        const r = await step(batch);
        if (r) {
          c.created += r.created;
          c.updated += r.updated;
        }
        done += batch.length;
        options.onProgress?.({ sheet, done, total: rows.length });
      }
      c.unchanged = rows.length - c.created - c.updated;
      counts[sheet] = c;
      return c;
    };

    const createdUnits = new Set<string>();
    const changedUnits = new Set<string>();
    await track('单位', roster.units, async (batch) => {
      for (const r of await repo.upsertUnits(batch, now))
        (r.created ? createdUnits : changedUnits).add(r.name);
    });
    for (const batch of chunks(roster.units, size)) {
      for (const name of await repo.linkUnitParents(batch, now)) changedUnits.add(name);
    }
    const units = counts['单位'];
    units.created = createdUnits.size;
    units.updated = [...changedUnits].filter((n) => !createdUnits.has(n)).length;
    units.unchanged = roster.units.length - units.created - units.updated;

    await track('企业', roster.enterprises, (b) => repo.upsertEnterprises(b, now));
    await repo.fillEnterpriseSearch();
    for (const batch of chunks(roster.people, size)) await repo.releaseMovedAccounts(batch);
    const before = await repo.peopleStates();
    await track('人员', roster.people, (b) => repo.upsertPeople(b, now, dateOf(now)));
    // A 人员 sheet with rows is the whole list: whoever it leaves out is deactivated, never deleted.
    const missing = roster.people.length
      ? await repo.deactivateMissing(
          roster.people.map((p) => p.mobile),
          now,
        )
      : [];
    const marked = roster.people.filter((p) => newlyOutOfService(p.status, before.get(p.mobile)));
    const markedIds = await repo.idsByMobile(marked.map((p) => p.mobile));
    const outOfService: RosterChanges['outOfService'] = [
      ...missing.map((personId) => ({ personId, status: 'disabled' as const })),
      ...marked.map((p) => ({ personId: markedIds.get(p.mobile)!, status: p.status as 'disabled' | 'away' })),
    ];

    await repo.beginPairings();
    const pairs = await track('包联', roster.pairings, (b) => repo.stagePairings(b));
    const applied = await repo.applyPairings(now);
    pairs.created = applied.created;
    pairs.ended = applied.ended;
    pairs.unchanged = roster.pairings.length - applied.created;
    const movedProblems = await repo.moveOpenProblems(applied.startedPairs);

    await track('问题类别', roster.categories, (b) => repo.upsertCategories(b, now));
    await track('群聊', roster.groupChats, (b) => repo.upsertGroupChats(b, now));
    await track('节假日', roster.holidays, (b) => repo.upsertHolidays(b));
    const changes = {
      at: now,
      startedPairs: applied.startedPairs,
      endedPairs: applied.endedPairs,
      movedProblems,
      outOfService,
    };
    return { counts, changes };
  }
}

/** Carries a preview's outcome out of the transaction it rolls back. */
class RolledBack extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super('roster preview rolled back');
  }
}

/** True when a person given this 状态 leaves service by it (停用 or 离岗 they were not already in). */
export function newlyOutOfService(
  status: RosterPerson['status'],
  was: { active: boolean; away: boolean } | undefined,
): boolean {
  if (status === 'disabled') return !was || was.active;
  return status === 'away' && (!was || !was.away || !was.active);
}

/** One line per sheet, in Chinese, for people running the import. */
export function formatCounts(counts: ImportCounts): string[] {
  return (Object.entries(counts) as [SheetName, SheetCounts][]).map(([sheet, c]) => {
    const ended = sheet === '包联' ? `，结束 ${c.ended}` : '';
    return `${sheet}：新增 ${c.created}，更新 ${c.updated}，未变 ${c.unchanged}${ended}`;
  });
}
