import type { EntityManager } from 'typeorm';
import type { Role, UnitKind } from '../entities/enums';
import { fillSearchColumns } from '../repositories/enterprise-search.repository';
import { returnedRows } from '../lib/query-result';
import type { IsoDate } from '../lib/time';
import type { RosterPlace } from '../platforms/adapter';
import type { Columns } from './column';
import { upsertSheet } from './roster-upsert';
import { CATEGORIES, ENTERPRISES, GROUP_CHATS, HOLIDAYS, PEOPLE, UNITS } from './roster.sheets';
import type {
  ExistingRoster,
  RosterCategory,
  RosterEnterprise,
  RosterGroupChat,
  RosterHoliday,
  RosterPairing,
  RosterPerson,
  RosterUnit,
} from './roster.types';

/** A cadre–enterprise pair by ids. */
export interface PairRef {
  cadreId: string;
  enterpriseId: string;
}

/** What one upsert batch did: keys created, keys changed (unchanged rows are not returned). */
export interface UpsertResult {
  created: number;
  updated: number;
}

type Returned = { created: boolean }[];

const tally = (rows: Returned): UpsertResult => ({
  created: rows.filter((r) => r.created).length,
  updated: rows.filter((r) => !r.created).length,
});

/** The 人员 sheet's account columns: the account namespace each fills, and its row field. */
function accountColumns(): [namespace: string, field: string][] {
  return Object.entries(PEOPLE.columns as Columns).flatMap(([field, c]) =>
    c.store && 'written' in c.store && c.store.written === 'account' && c.store.namespace
      ? [[c.store.namespace, field] as [string, string]]
      : [],
  );
}

/** The account namespaces the roster fills, and how to read each off a row. */
function rosterAccounts(): [string, (p: RosterPerson) => string | null][] {
  return accountColumns().map(([namespace, field]) => [namespace, (p) => accountField(p, field)]);
}

function accountField(p: RosterPerson, field: string): string | null {
  const value = (p as unknown as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : null;
}

/**
 * Roster SQL. Every write is one set-based statement per batch (`unnest` of column arrays): the sheets'
 * rows by their column declarations (`roster-upsert.ts`), the people's accounts, the pairings.
 */
export class RosterRepository {
  constructor(private readonly m: EntityManager) {}

  /** Serializes roster imports: the second waits until the first commits, then validates against its result. */
  async lock(): Promise<void> {
    await this.m.query(`SELECT pg_advisory_xact_lock(hashtext('qinshang.roster-import'))`);
  }

  /** Natural keys already stored, for references from an incremental roster. */
  async loadExisting(): Promise<ExistingRoster> {
    const units: { name: string; kind: UnitKind; parent: string | null }[] = await this.m.query(
      `SELECT u.name, u.kind, p.name AS parent FROM org_unit u LEFT JOIN org_unit p ON p.id = u.parent_id`,
    );
    const people: { mobile: string; roles: Role[] }[] = await this.m.query(
      `SELECT mobile, roles FROM person`,
    );
    const accounts: { mobile: string; platform: string; account: string }[] = await this.m.query(
      `SELECT p.mobile, a.platform, a.account_id AS account FROM person_account a JOIN person p ON p.id = a.person_id`,
    );
    const enterprises: { code: string; name: string; short: string | null }[] = await this.m.query(
      `SELECT credit_code AS code, name, short_name AS short FROM enterprise`,
    );
    const existing: ExistingRoster = {
      units: new Map(units.map((u) => [u.name, { kind: u.kind, parentName: u.parent }])),
      people: new Map(people.map((p) => [p.mobile, p.roles])),
      enterprises: new Map(enterprises.map((e) => [e.code, { name: e.name, shortName: e.short }])),
      accounts: new Map(),
    };
    for (const a of accounts) existing.accounts.set(`${a.platform}:${a.account}`, a.mobile);
    return existing;
  }

  /** Upserts units by name (kind only); parents are linked afterwards, when every unit exists. */
  async upsertUnits(units: RosterUnit[], now: Date): Promise<{ name: string; created: boolean }[]> {
    return upsertSheet(this.m, UNITS, units, { table: 'org_unit', key: ['name'], now, returning: 'name' });
  }

  /** Sets each unit's parent (null clears it); returns the names whose parent changed. */
  async linkUnitParents(units: RosterUnit[], now: Date): Promise<string[]> {
    const rows = returnedRows<{ name: string }>(
      await this.m.query(
        `UPDATE org_unit u SET parent_id = p.id, updated_at = $3
       FROM unnest($1::varchar[], $2::varchar[]) AS v(name, parent)
       LEFT JOIN org_unit p ON p.name = v.parent
       WHERE u.name = v.name AND u.parent_id IS DISTINCT FROM p.id
       RETURNING u.name`,
        [units.map((u) => u.name), units.map((u) => u.parentName), now],
      ),
    );
    return rows.map((r) => r.name);
  }

  /** Upserts enterprises by credit code; a listed enterprise is active again. */
  async upsertEnterprises(rows: RosterEnterprise[], now: Date): Promise<UpsertResult> {
    return tally(
      await upsertSheet(this.m, ENTERPRISES, rows, {
        table: 'enterprise',
        key: ['credit_code'],
        now,
        extra: () => [{ column: 'active', insert: 'true' }],
        // The lookup's search columns are computed again (fillEnterpriseSearch) for a new name.
        alsoSet: [
          `search_text = CASE WHEN (enterprise.name, enterprise.short_name)
             IS NOT DISTINCT FROM (EXCLUDED.name, EXCLUDED.short_name) THEN enterprise.search_text END`,
        ],
      }),
    );
  }

  /** Computes the lookup's search columns (name keys, pinyin, pair text) of new and renamed firms. */
  async fillEnterpriseSearch(): Promise<void> {
    await fillSearchColumns(this.m);
  }

  /**
   * Frees platform accounts that move to another person of this roster, so the unique
   * (platform, account id) of person_account does not trip in the middle of the upsert.
   */
  async releaseMovedAccounts(people: RosterPerson[]): Promise<void> {
    for (const [platform, pick] of rosterAccounts()) {
      const holders = people.filter((p) => pick(p) !== null);
      if (holders.length === 0) continue;
      await this.m.query(
        `DELETE FROM person_account a USING person p, unnest($1::varchar[], $2::varchar[]) AS v(account, mobile)
         WHERE a.person_id = p.id AND a.platform = $3 AND a.account_id = v.account AND p.mobile <> v.mobile`,
        [holders.map(pick), holders.map((p) => p.mobile), platform],
      );
    }
  }

  /** Mobiles of stored people whose roster accounts differ from these rows' (they count as updated). */
  private async accountsChanged(rows: RosterPerson[]): Promise<string[]> {
    const changed = new Set<string>();
    for (const [platform, pick] of rosterAccounts()) {
      const found: { mobile: string }[] = await this.m.query(
        `SELECT p.mobile FROM unnest($1::varchar[], $2::varchar[]) AS v(mobile, account)
         JOIN person p ON p.mobile = v.mobile
         LEFT JOIN person_account a ON a.person_id = p.id AND a.platform = $3
         WHERE a.account_id IS DISTINCT FROM v.account`,
        [rows.map((p) => p.mobile), rows.map(pick), platform],
      );
      for (const f of found) changed.add(f.mobile);
    }
    return [...changed];
  }

  /** Makes each row's person_account rows of the roster's platforms what the row says. */
  private async writeAccounts(rows: RosterPerson[]): Promise<void> {
    for (const [platform, pick] of rosterAccounts()) {
      const params = [rows.map((p) => p.mobile), rows.map(pick), platform];
      await this.m.query(
        `DELETE FROM person_account a USING person p, unnest($1::varchar[], $2::varchar[]) AS v(mobile, account)
         WHERE p.mobile = v.mobile AND a.person_id = p.id AND a.platform = $3
           AND a.account_id IS DISTINCT FROM v.account`,
        params,
      );
      await this.m.query(
        `INSERT INTO person_account (person_id, platform, account_id)
         SELECT p.id, $3, v.account FROM unnest($1::varchar[], $2::varchar[]) AS v(mobile, account)
         JOIN person p ON p.mobile = v.mobile
         WHERE v.account IS NOT NULL
         ON CONFLICT (person_id, platform) DO NOTHING`,
        params,
      );
    }
  }

  /**
   * Upserts people by mobile. 状态: 在岗 (empty) is active and ends an open-ended 离岗; 离岗 is active
   * with an open-ended leave from `today` (kept from an earlier import); 停用 is inactive.
   */
  async upsertPeople(rows: RosterPerson[], now: Date, today: IsoDate): Promise<UpsertResult> {
    const leaveFrom = `CASE WHEN EXCLUDED.leave_from IS NOT NULL
                         THEN coalesce(CASE WHEN person.leave_to IS NULL THEN person.leave_from END, EXCLUDED.leave_from)
                         WHEN person.leave_to IS NULL THEN NULL ELSE person.leave_from END`;
    const leaveTo = `CASE WHEN EXCLUDED.leave_from IS NOT NULL THEN NULL ELSE person.leave_to END`;
    const accountsChanged = await this.accountsChanged(rows);
    const result = tally(
      await upsertSheet(this.m, PEOPLE, rows, {
        table: 'person',
        key: ['mobile'],
        now,
        extra: ({ field, param }) => [
          { column: 'active', insert: `${field('status')} <> 'disabled'` },
          {
            column: 'leave_from',
            insert: `CASE WHEN ${field('status')} = 'away' THEN ${param(today)}::date END`,
            set: leaveFrom,
            compare: ['person.leave_from', leaveFrom],
          },
          { column: 'leave_to', set: leaveTo, compare: ['person.leave_to', leaveTo] },
        ],
        // A person whose accounts changed counts as updated.
        changedAlso: ({ param }) => `person.mobile = ANY(${param(accountsChanged)}::varchar[])`,
      }),
    );
    await this.writeAccounts(rows);
    return result;
  }

  /** People active before this import and missing from its 人员 sheet: deactivated, never deleted. */
  async deactivateMissing(mobiles: string[], now: Date): Promise<string[]> {
    // An UPDATE … RETURNING answers [rows, count] through TypeORM's postgres driver.
    const [rows]: [{ id: string }[], number] = await this.m.query(
      `UPDATE person SET active = false, updated_at = $2 WHERE active AND NOT (mobile = ANY($1::varchar[]))
       RETURNING id`,
      [mobiles, now],
    );
    return rows.map((r) => r.id);
  }

  /** Person ids by mobile. */
  async idsByMobile(mobiles: string[]): Promise<Map<string, string>> {
    if (mobiles.length === 0) return new Map();
    const rows: { id: string; mobile: string }[] = await this.m.query(
      `SELECT id, mobile FROM person WHERE mobile = ANY($1::varchar[])`,
      [mobiles],
    );
    return new Map(rows.map((r) => [r.mobile, r.id]));
  }

  /** Each person's state before the import, by mobile (to tell what this import changed). */
  async peopleStates(): Promise<Map<string, { active: boolean; away: boolean }>> {
    const rows: { mobile: string; active: boolean; away: boolean }[] = await this.m.query(
      `SELECT mobile, active, (leave_from IS NOT NULL AND leave_to IS NULL) AS away FROM person`,
    );
    return new Map(rows.map((r) => [r.mobile, { active: r.active, away: r.away }]));
  }

  /** One person as the 人员 sheet would list them (to change their 状态 as a re-import would). */
  async personRow(
    id: string,
  ): Promise<(RosterPerson & { id: string; active: boolean; away: boolean }) | null> {
    const [r] = await this.m.query<
      {
        id: string;
        name: string;
        mobile: string;
        unit: string;
        roles: Role[];
        accounts: Record<string, string> | null;
        ent: string | null;
        active: boolean;
        away: boolean;
      }[]
    >(
      `SELECT p.id, p.name, p.mobile, u.name AS unit, p.roles,
              (SELECT json_object_agg(a.platform, a.account_id) FROM person_account a WHERE a.person_id = p.id)
                AS accounts,
              e.credit_code AS ent, p.active,
              (p.leave_from IS NOT NULL AND p.leave_to IS NULL) AS away
       FROM person p JOIN org_unit u ON u.id = p.unit_id LEFT JOIN enterprise e ON e.id = p.enterprise_id
       WHERE p.id = $1 FOR UPDATE OF p`,
      [id],
    );
    if (!r) return null;
    // The roster's account columns, each from its namespace's account.
    const accounts = Object.fromEntries(
      accountColumns().map(([namespace, field]) => [field, r.accounts?.[namespace] ?? null]),
    ) as Record<RosterPlace['accountField'], string | null>;
    return {
      id: r.id,
      row: 0,
      name: r.name,
      mobile: r.mobile,
      unitName: r.unit,
      roles: r.roles,
      ...accounts,
      enterpriseCode: r.ent,
      status: !r.active ? 'disabled' : r.away ? 'away' : 'active',
      active: r.active,
      away: r.away,
    };
  }

  /**
   * Stages every open pair except those of the given firms, and the given pairs instead, so that
   * applyPairings hands exactly those firms to their new cadres (a reassignment from the console).
   */
  async stageReassignment(pairs: PairRef[]): Promise<void> {
    await this.m.query(
      `INSERT INTO roster_pair (cadre_id, enterprise_id)
       SELECT p.cadre_id, p.enterprise_id FROM pairing p
       WHERE p.ended_at IS NULL AND NOT (p.enterprise_id = ANY($2::uuid[]))
       UNION ALL SELECT v.cadre_id, v.enterprise_id FROM unnest($1::uuid[], $2::uuid[]) AS v(cadre_id, enterprise_id)
         JOIN enterprise e ON e.id = v.enterprise_id`,
      [pairs.map((p) => p.cadreId), pairs.map((p) => p.enterpriseId)],
    );
  }

  /** The firms a cadre holds now. */
  async openFirmsOf(cadreId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.m.query(
      `SELECT enterprise_id AS id FROM pairing WHERE cadre_id = $1 AND ended_at IS NULL`,
      [cadreId],
    );
    return rows.map((r) => r.id);
  }

  /** Starts a scratch table for this transaction's pairings (dropped at commit). */
  async beginPairings(): Promise<void> {
    await this.m.query(`DROP TABLE IF EXISTS roster_pair`);
    await this.m.query(
      `CREATE TEMP TABLE roster_pair (cadre_id uuid NOT NULL, enterprise_id uuid NOT NULL) ON COMMIT DROP`,
    );
  }

  /** Adds a batch of the roster's pairs, resolved to ids. */
  async stagePairings(rows: RosterPairing[]): Promise<void> {
    await this.m.query(
      `INSERT INTO roster_pair (cadre_id, enterprise_id)
       SELECT p.id, e.id FROM unnest($1::varchar[], $2::varchar[]) AS v(mobile, code)
       JOIN person p ON p.mobile = v.mobile
       JOIN enterprise e ON e.credit_code = v.code`,
      [rows.map((r) => r.cadreMobile), rows.map((r) => r.enterpriseCode)],
    );
  }

  /**
   * Makes the open pairings equal the staged ones: an open pair not staged is ended ('reassigned' when the
   * enterprise now has another cadre, else 'roster'), a staged pair not open is started. Nothing is deleted.
   */
  async applyPairings(now: Date): Promise<{
    created: number;
    ended: number;
    reassigned: number;
    startedPairs: PairRef[];
    endedPairs: PairRef[];
  }> {
    await this.m.query(`CREATE INDEX ON roster_pair (enterprise_id, cadre_id)`);
    await this.m.query(`ANALYZE roster_pair`);
    const [ended]: [(PairRef & { reason: string })[], number] = await this.m.query(
      `UPDATE pairing p SET ended_at = $1,
         end_reason = CASE WHEN EXISTS (SELECT 1 FROM roster_pair r WHERE r.enterprise_id = p.enterprise_id)
                      THEN 'reassigned' ELSE 'roster' END
       WHERE p.ended_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM roster_pair r
                         WHERE r.enterprise_id = p.enterprise_id AND r.cadre_id = p.cadre_id)
       RETURNING p.end_reason AS reason, p.cadre_id AS "cadreId", p.enterprise_id AS "enterpriseId"`,
      [now],
    );
    const created: PairRef[] = await this.m.query(
      `INSERT INTO pairing (cadre_id, enterprise_id, started_at, created_at)
       SELECT r.cadre_id, r.enterprise_id, $1, $1 FROM roster_pair r
       WHERE NOT EXISTS (SELECT 1 FROM pairing p WHERE p.enterprise_id = r.enterprise_id AND p.ended_at IS NULL)
       RETURNING cadre_id AS "cadreId", enterprise_id AS "enterpriseId"`,
      [now],
    );
    return {
      created: created.length,
      ended: ended.length,
      reassigned: ended.filter((e) => e.reason === 'reassigned').length,
      startedPairs: created,
      endedPairs: ended.map(({ cadreId, enterpriseId }) => ({ cadreId, enterpriseId })),
    };
  }

  /**
   * Reassignment: the open problems of a firm that changed hands follow it to the new cadre
   * (reported by the old cadre or not), so 催办 and 答复 reach the person who now holds the firm.
   * Returns the moved problems.
   */
  async moveOpenProblems(started: PairRef[]): Promise<MovedProblem[]> {
    if (started.length === 0) return [];
    const moved = returnedRows<MovedProblem>(
      await this.m.query(
        `WITH moved AS (
         SELECT pr.id, pr.cadre_id AS from_id, v.cadre_id AS to_id
         FROM problem pr
         JOIN unnest($1::uuid[], $2::uuid[]) AS v(cadre_id, enterprise_id) ON v.enterprise_id = pr.enterprise_id
         WHERE pr.status IN ('pending', 'assigned', 'accepted', 'answered')
           AND pr.cadre_id IS NOT NULL AND pr.cadre_id <> v.cadre_id
         FOR UPDATE OF pr
       )
       UPDATE problem pr SET cadre_id = moved.to_id FROM moved WHERE pr.id = moved.id
       RETURNING pr.id, pr.code, pr.enterprise_id AS "enterpriseId", moved.from_id AS "fromCadreId",
                 moved.to_id AS "toCadreId"`,
        [started.map((p) => p.cadreId), started.map((p) => p.enterpriseId)],
      ),
    );
    return moved;
  }

  /** Upserts categories by name; a listed category is active again. */
  async upsertCategories(rows: RosterCategory[], now: Date): Promise<UpsertResult> {
    return tally(
      await upsertSheet(this.m, CATEGORIES, rows, {
        table: 'category',
        key: ['name'],
        now,
        extra: () => [{ column: 'active', insert: 'true' }],
      }),
    );
  }

  /** Upserts group chats by (platform, chat id). */
  async upsertGroupChats(rows: RosterGroupChat[], now: Date): Promise<UpsertResult> {
    return tally(
      await upsertSheet(this.m, GROUP_CHATS, rows, {
        table: 'group_chat',
        key: ['platform', 'chat_id'],
        now,
      }),
    );
  }

  /** Upserts calendar overrides by date. */
  async upsertHolidays(rows: RosterHoliday[]): Promise<UpsertResult> {
    return tally(await upsertSheet(this.m, HOLIDAYS, rows, { table: 'holiday', key: ['date'] }));
  }
}

/** An open problem that followed its firm to the new cadre. */
interface MovedProblem {
  id: string;
  code: string;
  enterpriseId: string;
  fromCadreId: string;
  toCadreId: string;
}
