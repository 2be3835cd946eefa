import type { DataSource, EntityManager } from 'typeorm';

type Db = EntityManager | DataSource;

/** An active person a notice may go to, with a name for the history. */
export interface Recipient {
  id: string;
  name: string;
}

/** The units a leader oversees: 'all', or their scope root and every unit under it. */
export type UnitScope = 'all' | ReadonlySet<string>;

/** A leader and the scope of their digests. */
export interface LeaderScope {
  id: string;
  name: string;
  scope: UnitScope;
  /** The scope root's name, shown as the digest's 范围 (null for city-wide). */
  label: string | null;
}

const people = (db: Db, sql: string, params: unknown[]): Promise<Recipient[]> =>
  db.query<Recipient[]>(sql, params);

/**
 * SQL for the account id of person `person` (an alias) in the first namespace of `order` (an SQL text
 * array: a parameter, in the registry's preference order) they have an account in, or NULL: whom an
 * @-mention names.
 */
export const mentionAccountSql = (person: string, order: string): string =>
  `(SELECT a.account_id FROM person_account a WHERE a.person_id = ${person}.id AND a.platform = ANY(${order})
     ORDER BY array_position(${order}, a.platform::text) LIMIT 1)`;

/**
 * "Who must hear about this unit / problem / firm": the people who, by role, act for a unit, an enterprise
 * or the campaign office. Only active people; the channel check (a reachable account) is the notifier's.
 *
 * Leaders follow the scope rule of `services/permissions/scope.ts`: a leader's scope is the subtree of
 * their unit's scope root (a campaign office's root is its parent, or the whole city without one). So the
 * leaders over a unit are those whose scope root is the unit or one of its ancestors, and the nearest of
 * them (the unit's own, else the nearest ancestor's, a city-wide office's last) are the ones told.
 * Every method takes the `EntityManager` of the caller's transaction, or the DataSource.
 */
export class DirectoryRepository {
  /** The unit's 办理人. */
  handlers(db: Db, unitId: string): Promise<Recipient[]> {
    return people(
      db,
      `SELECT id, name FROM person WHERE unit_id = $1 AND 'handler' = ANY(roles) AND active ORDER BY name, id`,
      [unitId],
    );
  }

  /** The unit's own 领导 (the delivery plan's step before the campaign office). */
  leaders(db: Db, unitId: string): Promise<Recipient[]> {
    return people(
      db,
      `SELECT id, name FROM person WHERE unit_id = $1 AND 'leader' = ANY(roles) AND active ORDER BY name, id`,
      [unitId],
    );
  }

  /**
   * The nearest active leaders whose scope holds the unit: its own, else those of the nearest ancestor
   * that has any, a campaign office's leaders counting at their scope root (its parent, or above the top
   * for a city-wide office). 督办 and extension requests go to them.
   */
  async leadersOver(db: Db, unitId: string): Promise<Recipient[]> {
    const rows = await db.query<(Recipient & { depth: number })[]>(
      `WITH RECURSIVE up(id, parent_id, depth) AS (
         SELECT id, parent_id, 0 FROM org_unit WHERE id = $1
         UNION ALL SELECT o.id, o.parent_id, up.depth + 1 FROM org_unit o JOIN up ON o.id = up.parent_id
           WHERE up.depth < 20
       ),
       scoped AS (
         SELECT p.id, p.name,
                CASE WHEN u.kind = 'campaign' AND u.parent_id IS NULL THEN (SELECT max(depth) + 1 FROM up)
                     ELSE (SELECT up.depth FROM up
                           WHERE up.id = CASE WHEN u.kind = 'campaign' THEN u.parent_id ELSE u.id END)
                END AS depth
         FROM person p JOIN org_unit u ON u.id = p.unit_id
         WHERE 'leader' = ANY(p.roles) AND p.active
       )
       SELECT id, name, depth FROM scoped WHERE depth IS NOT NULL ORDER BY depth, name, id`,
      [unitId],
    );
    return rows.filter((r) => r.depth === rows[0].depth).map(({ id, name }) => ({ id, name }));
  }

  /**
   * Every active leader with their scope (see the class note); a leader with no unit gets the whole city.
   * The digests and reports are scoped by it.
   */
  async leaderScopes(db: Db): Promise<LeaderScope[]> {
    const units = await db.query<{ id: string; parent_id: string | null; name: string }[]>(
      `SELECT id, parent_id, name FROM org_unit`,
    );
    const children = new Map<string, string[]>();
    for (const u of units) {
      if (!u.parent_id) continue;
      const list = children.get(u.parent_id);
      if (list) list.push(u.id);
      else children.set(u.parent_id, [u.id]);
    }
    const byId = new Map(units.map((u) => [u.id, u]));
    const subtree = (root: string): Set<string> => {
      const seen = new Set<string>();
      const stack = [root];
      for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
        if (seen.has(id)) continue;
        seen.add(id);
        stack.push(...(children.get(id) ?? []));
      }
      return seen;
    };
    // The scope root as permissions/scope.ts defines it (SCOPE_ROOT_SQL); null = the whole city.
    const leaders = await db.query<{ id: string; name: string; root: string | null }[]>(
      `SELECT p.id, p.name, CASE WHEN u.kind = 'campaign' THEN u.parent_id ELSE u.id END AS root
       FROM person p LEFT JOIN org_unit u ON u.id = p.unit_id
       WHERE p.active AND 'leader' = ANY(p.roles) ORDER BY p.name, p.id`,
    );
    return leaders.map(({ id, name, root }) => {
      return {
        id,
        name,
        scope: root === null ? 'all' : subtree(root),
        label: root === null ? null : (byId.get(root)?.name ?? null),
      };
    });
  }

  /**
   * The enterprise's 企业联系人, by name; `first` (e.g. the problem's reporter) leads the list when they
   * are one of them.
   */
  contacts(db: Db, enterpriseId: string, first: string | null = null): Promise<Recipient[]> {
    return people(
      db,
      `SELECT id, name FROM person
       WHERE enterprise_id = $1 AND 'contact' = ANY(roles) AND active
       ORDER BY (id IS NOT DISTINCT FROM $2::uuid) DESC, name, id`,
      [enterpriseId, first],
    );
  }

  /**
   * The campaign office's 管理员: admins in a unit of 类型 亲商助企办; when the roster marks no
   * such unit (or it has no admin), every active admin.
   */
  async officeAdmins(db: Db): Promise<Recipient[]> {
    const office = await people(
      db,
      `SELECT p.id, p.name FROM person p JOIN org_unit u ON u.id = p.unit_id
       WHERE u.kind = 'campaign' AND 'admin' = ANY(p.roles) AND p.active ORDER BY p.name, p.id`,
      [],
    );
    if (office.length) return office;
    return people(
      db,
      `SELECT id, name FROM person WHERE 'admin' = ANY(roles) AND active ORDER BY name, id`,
      [],
    );
  }

  /** These people, when active, in the given order. */
  async byIds(db: Db, ids: string[]): Promise<Recipient[]> {
    if (!ids.length) return [];
    const rows = await people(db, `SELECT id, name FROM person WHERE id = ANY($1::uuid[]) AND active`, [ids]);
    return ids.flatMap((id) => rows.filter((r) => r.id === id));
  }

  /** The account ids of the unit's 办理人 for an @-mention in its group, by the namespace order given. */
  async handlerMentionIds(db: Db, unitId: string, order: readonly string[]): Promise<string[]> {
    const rows = await db.query<{ uid: string | null }[]>(
      `SELECT ${mentionAccountSql('p', '$2::text[]')} AS uid
       FROM person p WHERE p.unit_id = $1 AND 'handler' = ANY(p.roles) AND p.active ORDER BY p.name, p.id`,
      [unitId, order],
    );
    return rows.map((r) => r.uid).filter((u): u is string => u !== null);
  }

  /** What a notice or reply calls a unit: its name, or null for an unknown id. */
  async unitName(db: Db, unitId: string): Promise<string | null> {
    const [row] = await db.query<{ name: string }[]>(`SELECT name FROM org_unit WHERE id = $1`, [unitId]);
    return row?.name ?? null;
  }

  /** One person, when active. */
  async person(db: Db, personId: string | null): Promise<Recipient[]> {
    if (!personId) return [];
    return people(db, `SELECT id, name FROM person WHERE id = $1 AND active`, [personId]);
  }
}

/** The one directory (it holds no state; each call names its transaction). */
export const directory = new DirectoryRepository();
