import type { DataSource } from 'typeorm';
import type { BindingAction, BindingMethod } from '../entities/binding-audit.entity';
import type { AccountPlatform } from '../entities/enums';

/** One account of a person: from the roster or from 绑定. */
export interface PersonAccount {
  platform: AccountPlatform;
  externalUserId: string;
  source: 'roster' | 'binding';
}

export interface PendingRequest {
  no: number;
  platform: AccountPlatform;
  externalUserId: string;
  personId: string;
}

/** TypeORM answers UPDATE/DELETE … RETURNING with [rows, count], INSERT … RETURNING with rows. */
function returned<T>(result: unknown): T[] {
  const out = result as unknown[];
  return (Array.isArray(out[0]) ? out[0] : out) as T[];
}

/** account_binding, binding_request and binding_audit: the only place their SQL lives. */
export class BindingRepository {
  constructor(private readonly ds: DataSource) {}

  /** Every account tied to a person, on any platform. */
  async accountsOf(personId: string): Promise<PersonAccount[]> {
    const rows: PersonAccount[] = await this.ds.query(
      `SELECT platform, account_id AS "externalUserId", 'roster' AS source
         FROM person_account WHERE person_id = $1
       UNION ALL
       SELECT platform, external_user_id, 'binding' FROM account_binding WHERE person_id = $1`,
      [personId],
    );
    return rows;
  }

  /** Links the account (a no-op when it is already linked); true when this call linked it. */
  async bind(platform: AccountPlatform, externalUserId: string, personId: string): Promise<boolean> {
    const rows = await this.ds.query(
      `INSERT INTO account_binding (platform, external_user_id, person_id) VALUES ($1, $2, $3)
       ON CONFLICT (platform, external_user_id) DO NOTHING RETURNING id`,
      [platform, externalUserId, personId],
    );
    return rows.length > 0;
  }

  /** Removes every 绑定 of a person; returns the accounts removed. */
  async unbindAll(personId: string): Promise<{ platform: AccountPlatform; externalUserId: string }[]> {
    return returned(
      await this.ds.query(
        `DELETE FROM account_binding WHERE person_id = $1
         RETURNING platform, external_user_id AS "externalUserId"`,
        [personId],
      ),
    );
  }

  /** The open request of an account for a person, created if there is none; its number. */
  async request(platform: AccountPlatform, externalUserId: string, personId: string): Promise<number> {
    await this.ds.query(
      `INSERT INTO binding_request (platform, external_user_id, person_id) VALUES ($1, $2, $3)
       ON CONFLICT (platform, external_user_id) WHERE status = 'pending' DO NOTHING`,
      [platform, externalUserId, personId],
    );
    const [row] = await this.ds.query(
      `SELECT no FROM binding_request WHERE platform = $1 AND external_user_id = $2 AND status = 'pending'`,
      [platform, externalUserId],
    );
    return Number(row.no);
  }

  async pending(no: number): Promise<PendingRequest | null> {
    const [row] = await this.ds.query(
      `SELECT no, platform, external_user_id AS "externalUserId", person_id AS "personId"
       FROM binding_request WHERE no = $1 AND status = 'pending'`,
      [no],
    );
    return row ? { ...row, no: Number(row.no) } : null;
  }

  /** Closes a pending request; false when someone else decided it first. */
  async decide(no: number, approve: boolean, adminId: string): Promise<boolean> {
    const rows = returned(
      await this.ds.query(
        `UPDATE binding_request SET status = $2, decided_at = now(), decided_by = $3
         WHERE no = $1 AND status = 'pending' RETURNING no`,
        [no, approve ? 'approved' : 'refused', adminId],
      ),
    );
    return rows.length > 0;
  }

  async audit(entry: {
    platform: AccountPlatform;
    externalUserId: string;
    personId: string;
    action: BindingAction;
    method?: BindingMethod | null;
    actorId?: string | null;
    note?: string | null;
  }): Promise<void> {
    await this.ds.query(
      `INSERT INTO binding_audit (platform, external_user_id, person_id, action, method, actor_id, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        entry.platform,
        entry.externalUserId,
        entry.personId,
        entry.action,
        entry.method ?? null,
        entry.actorId ?? null,
        entry.note ?? null,
      ],
    );
  }

  /** Active admins with their roster accounts to write to (registry order picks which). */
  async adminAccounts(): Promise<
    { personId: string; accounts: { platform: string; accountId: string }[] }[]
  > {
    const rows: { personId: string; platform: string | null; accountId: string | null }[] =
      await this.ds.query(
        `SELECT p.id AS "personId", a.platform, a.account_id AS "accountId"
       FROM person p LEFT JOIN person_account a ON a.person_id = p.id
       WHERE p.active AND 'admin' = ANY(p.roles) ORDER BY p.id, a.platform`,
      );
    const admins = new Map<string, { platform: string; accountId: string }[]>();
    for (const r of rows) {
      const list = admins.get(r.personId) ?? [];
      if (r.platform && r.accountId) list.push({ platform: r.platform, accountId: r.accountId });
      admins.set(r.personId, list);
    }
    return [...admins].map(([personId, accounts]) => ({ personId, accounts }));
  }
}
