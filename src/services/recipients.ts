import type { DataSource, EntityManager } from 'typeorm';

type Db = EntityManager | DataSource;

/** An active person the notice may go to, with a name for the history. */
export interface Recipient {
  id: string;
  name: string;
}

const people = async (db: Db, sql: string, params: unknown[]): Promise<Recipient[]> =>
  (await db.query(sql, params)) as Recipient[];

/**
 * The directory of recipients: who, by role, can act for a unit, an enterprise or the campaign
 * office. Only active people; the channel check (a reachable account) is the notifier's.
 */
export const directory = {
  /** The unit's 办理人. */
  handlers(db: Db, unitId: string): Promise<Recipient[]> {
    return people(
      db,
      `SELECT id, name FROM person WHERE unit_id = $1 AND 'handler' = ANY(roles) AND active ORDER BY name, id`,
      [unitId],
    );
  },

  /** The unit's own 领导. */
  leaders(db: Db, unitId: string): Promise<Recipient[]> {
    return people(
      db,
      `SELECT id, name FROM person WHERE unit_id = $1 AND 'leader' = ANY(roles) AND active ORDER BY name, id`,
      [unitId],
    );
  },

  /** The enterprise's 企业联系人. */
  contacts(db: Db, enterpriseId: string): Promise<Recipient[]> {
    return people(
      db,
      `SELECT id, name FROM person
       WHERE enterprise_id = $1 AND 'contact' = ANY(roles) AND active ORDER BY name, id`,
      [enterpriseId],
    );
  },

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
  },

  /** These people, when active, in the given order. */
  async byIds(db: Db, ids: string[]): Promise<Recipient[]> {
    if (!ids.length) return [];
    const rows = await people(db, `SELECT id, name FROM person WHERE id = ANY($1::uuid[]) AND active`, [ids]);
    return ids.flatMap((id) => rows.filter((r) => r.id === id));
  },

  /** One person, when active. */
  async person(db: Db, personId: string | null): Promise<Recipient[]> {
    if (!personId) return [];
    return people(db, `SELECT id, name FROM person WHERE id = $1 AND active`, [personId]);
  },
};
