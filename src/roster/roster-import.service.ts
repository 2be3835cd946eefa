import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../lib/clock';
import { chunks } from './pg-array';
import { RosterRepository, type UpsertResult } from './roster.repository';
import type { SheetName } from './roster.sheets';
import type { RawRoster, Roster, RosterError } from './roster.types';
import { validateRoster } from './roster.validator';

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

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Rows per statement. */
  batchSize?: number;
}

export type ImportOutcome = { ok: true; counts: ImportCounts } | { ok: false; errors: RosterError[] };

const BATCH = 1000;

/** Writes rosters into the database: one transaction, set-based SQL, idempotent. */
export class RosterImportService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Writes an already validated roster in one transaction and returns what changed per sheet. */
  async import(roster: Roster, options: ImportOptions = {}): Promise<ImportCounts> {
    return this.ds.transaction(async (m) => {
      const repo = new RosterRepository(m);
      await repo.lock();
      return this.write(repo, roster, options);
    });
  }

  /**
   * Validates rows against the database as it is inside the transaction, then writes them; on any error
   * nothing is written and every error is returned.
   */
  async importRaw(raw: RawRoster, options: ImportOptions = {}): Promise<ImportOutcome> {
    return this.ds.transaction(async (m: EntityManager) => {
      const repo = new RosterRepository(m);
      await repo.lock();
      const result = validateRoster(raw, await repo.loadExisting());
      if (!result.ok) return { ok: false, errors: result.errors };
      return { ok: true, counts: await this.write(repo, result.roster, options) };
    });
  }

  private async write(repo: RosterRepository, roster: Roster, options: ImportOptions): Promise<ImportCounts> {
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
    await track('人员', roster.people, (b) => repo.upsertPeople(b, now));

    await repo.beginPairings();
    const pairs = await track('包联', roster.pairings, (b) => repo.stagePairings(b));
    const applied = await repo.applyPairings(now);
    pairs.created = applied.created;
    pairs.ended = applied.ended;
    pairs.unchanged = roster.pairings.length - applied.created;

    await track('问题类别', roster.categories, (b) => repo.upsertCategories(b, now));
    await track('群聊', roster.groupChats, (b) => repo.upsertGroupChats(b, now));
    await track('节假日', roster.holidays, (b) => repo.upsertHolidays(b));
    return counts;
  }
}

/** One line per sheet, in Chinese, for people running the import. */
export function formatCounts(counts: ImportCounts): string[] {
  return (Object.entries(counts) as [SheetName, SheetCounts][]).map(([sheet, c]) => {
    const ended = sheet === '包联' ? `，结束 ${c.ended}` : '';
    return `${sheet}：新增 ${c.created}，更新 ${c.updated}，未变 ${c.unchanged}${ended}`;
  });
}
