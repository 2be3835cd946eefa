import type { EntityManager } from 'typeorm';
import type { Role, UnitKind } from '../entities/enums';
import { fillSearchColumns } from '../repositories/enterprise-search.repository';
import { returnedRows } from '../lib/query-result';
import type { IsoDate } from '../lib/time';
import { pgArrayLiteral } from './pg-array';
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

/** What one upsert batch did: keys created, keys changed (unchanged rows are not returned). */
/** A cadre–enterprise pair by ids. */
export interface PairRef {
  cadreId: string;
  enterpriseId: string;
}

export interface UpsertResult {
  created: number;
  updated: number;
}

type Returned = { created: boolean }[];

const tally = (rows: Returned): UpsertResult => ({
  created: rows.filter((r) => r.created).length,
  updated: rows.filter((r) => !r.created).length,
});

/**
 * Roster SQL. Every write is one set-based statement per batch (`unnest` of column arrays), keyed by the
 * natural key with ON CONFLICT … DO UPDATE … WHERE something changed, so re-importing the same rows is a no-op
 * and `xmax = 0` tells inserted rows from updated ones.
 */
/** The roster's account columns (企业微信账号, 钉钉账号) and the account platform each one fills. */
const ROSTER_ACCOUNTS: readonly [string, (p: RosterPerson) => string | null][] = [
  ['wecom', (p) => p.wecomUserId],
  ['dingtalk', (p) => p.dingtalkUserId],
];

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
    return this.m.query(
      `INSERT INTO org_unit (name, kind, created_at, updated_at)
       SELECT v.name, v.kind, $3, $3 FROM unnest($1::varchar[], $2::varchar[]) AS v(name, kind)
       ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind, updated_at = EXCLUDED.updated_at
         WHERE org_unit.kind IS DISTINCT FROM EXCLUDED.kind
       RETURNING name, (xmax = 0) AS created`,
      [units.map((u) => u.name), units.map((u) => u.kind), now],
    );
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
      await this.m.query(
        `INSERT INTO enterprise (name, short_name, credit_code, district_id, industry, kind, contact_target,
                                 active, created_at, updated_at)
         SELECT v.name, v.short, v.code, d.id, v.industry, v.kind, v.target, true, $8, $8
         FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[],
                     $7::smallint[])
           AS v(name, short, code, district, industry, kind, target)
         JOIN org_unit d ON d.name = v.district
         ON CONFLICT (credit_code) DO UPDATE SET name = EXCLUDED.name, short_name = EXCLUDED.short_name,
           district_id = EXCLUDED.district_id, industry = EXCLUDED.industry, kind = EXCLUDED.kind,
           contact_target = EXCLUDED.contact_target, active = true, updated_at = EXCLUDED.updated_at,
           search_text = CASE WHEN (enterprise.name, enterprise.short_name)
             IS NOT DISTINCT FROM (EXCLUDED.name, EXCLUDED.short_name) THEN enterprise.search_text END
         WHERE (enterprise.name, enterprise.short_name, enterprise.district_id, enterprise.industry,
                enterprise.kind, enterprise.contact_target, enterprise.active)
           IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.short_name, EXCLUDED.district_id, EXCLUDED.industry,
                EXCLUDED.kind, EXCLUDED.contact_target, true)
         RETURNING (xmax = 0) AS created`,
        [
          rows.map((e) => e.name),
          rows.map((e) => e.shortName),
          rows.map((e) => e.creditCode),
          rows.map((e) => e.districtName),
          rows.map((e) => e.industry),
          rows.map((e) => e.kind),
          rows.map((e) => e.contactTarget),
          now,
        ],
      ),
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
    for (const [platform, pick] of ROSTER_ACCOUNTS) {
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
    for (const [platform, pick] of ROSTER_ACCOUNTS) {
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
    for (const [platform, pick] of ROSTER_ACCOUNTS) {
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
      await this.m.query(
        `INSERT INTO person (name, mobile, unit_id, roles, enterprise_id, active, leave_from, created_at, updated_at)
         SELECT v.name, v.mobile, u.id, v.roles::varchar[], e.id, v.status <> 'disabled',
                CASE WHEN v.status = 'away' THEN $7::date END, $6, $6
         FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::text[], $5::varchar[], $8::varchar[])
              AS v(name, mobile, unit, roles, ent, status)
         JOIN org_unit u ON u.name = v.unit
         LEFT JOIN enterprise e ON e.credit_code = v.ent
         ON CONFLICT (mobile) DO UPDATE SET name = EXCLUDED.name, unit_id = EXCLUDED.unit_id,
           roles = EXCLUDED.roles, enterprise_id = EXCLUDED.enterprise_id,
           active = EXCLUDED.active, leave_from = ${leaveFrom}, leave_to = ${leaveTo},
           updated_at = EXCLUDED.updated_at
         WHERE (person.name, person.unit_id, person.roles, person.enterprise_id, person.active, person.leave_from,
                person.leave_to)
           IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.unit_id, EXCLUDED.roles, EXCLUDED.enterprise_id,
                EXCLUDED.active, ${leaveFrom}, ${leaveTo})
           OR person.mobile = ANY($9::varchar[])
         RETURNING (xmax = 0) AS created`,
        [
          rows.map((p) => p.name),
          rows.map((p) => p.mobile),
          rows.map((p) => p.unitName),
          rows.map((p) => pgArrayLiteral(p.roles)),
          rows.map((p) => p.enterpriseCode),
          now,
          today,
          rows.map((p) => p.status),
          accountsChanged,
        ],
      ),
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
      await this.m.query(
        `INSERT INTO category (name, kind, lead_unit_id, time_limit_days, keywords, active, created_at, updated_at)
         SELECT v.name, v.kind, u.id, v.days, v.keywords::varchar[], true, $6, $6
         FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::int[], $5::text[])
           AS v(name, kind, lead, days, keywords)
         JOIN org_unit u ON u.name = v.lead
         ON CONFLICT (name) DO UPDATE SET kind = EXCLUDED.kind, lead_unit_id = EXCLUDED.lead_unit_id,
           time_limit_days = EXCLUDED.time_limit_days, keywords = EXCLUDED.keywords, active = true,
           updated_at = EXCLUDED.updated_at
         WHERE (category.kind, category.lead_unit_id, category.time_limit_days, category.keywords, category.active)
           IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.lead_unit_id, EXCLUDED.time_limit_days, EXCLUDED.keywords, true)
         RETURNING (xmax = 0) AS created`,
        [
          rows.map((c) => c.name),
          rows.map((c) => c.kind),
          rows.map((c) => c.leadUnitName),
          rows.map((c) => c.timeLimitDays),
          rows.map((c) => pgArrayLiteral(c.keywords)),
          now,
        ],
      ),
    );
  }

  /** Upserts group chats by (platform, chat id). */
  async upsertGroupChats(rows: RosterGroupChat[], now: Date): Promise<UpsertResult> {
    return tally(
      await this.m.query(
        `INSERT INTO group_chat (platform, chat_id, purpose, enterprise_id, unit_id, webhook_url, webhook_secret,
                                 created_at, updated_at)
         SELECT v.platform, v.chat, v.purpose, e.id, u.id, v.url, v.secret, $8, $8
         FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::text[],
                     $7::text[]) AS v(platform, chat, purpose, ent, unit, url, secret)
         LEFT JOIN enterprise e ON e.credit_code = v.ent
         LEFT JOIN org_unit u ON u.name = v.unit
         ON CONFLICT (platform, chat_id) DO UPDATE SET purpose = EXCLUDED.purpose,
           enterprise_id = EXCLUDED.enterprise_id, unit_id = EXCLUDED.unit_id, webhook_url = EXCLUDED.webhook_url,
           webhook_secret = EXCLUDED.webhook_secret, updated_at = EXCLUDED.updated_at
         WHERE (group_chat.purpose, group_chat.enterprise_id, group_chat.unit_id, group_chat.webhook_url,
                group_chat.webhook_secret)
           IS DISTINCT FROM (EXCLUDED.purpose, EXCLUDED.enterprise_id, EXCLUDED.unit_id, EXCLUDED.webhook_url,
                EXCLUDED.webhook_secret)
         RETURNING (xmax = 0) AS created`,
        [
          rows.map((g) => g.platform),
          rows.map((g) => g.chatId),
          rows.map((g) => g.purpose),
          rows.map((g) => g.enterpriseCode),
          rows.map((g) => g.unitName),
          rows.map((g) => g.webhookUrl),
          rows.map((g) => g.webhookSecret),
          now,
        ],
      ),
    );
  }

  /** Upserts calendar overrides by date. */
  async upsertHolidays(rows: RosterHoliday[]): Promise<UpsertResult> {
    return tally(
      await this.m.query(
        `INSERT INTO holiday (date, kind, name)
         SELECT v.date::date, v.kind, v.name FROM unnest($1::text[], $2::varchar[], $3::varchar[]) AS v(date, kind, name)
         ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name
         WHERE (holiday.kind, holiday.name) IS DISTINCT FROM (EXCLUDED.kind, EXCLUDED.name)
         RETURNING (xmax = 0) AS created`,
        [rows.map((h) => h.date), rows.map((h) => h.kind), rows.map((h) => h.name)],
      ),
    );
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
