import type { DataSource } from 'typeorm';

/** A file kept for a policy (送政策's PDF/Word attachment). */
export interface PolicyFileRow {
  id: string;
  name: string;
  mime: string;
  size: number;
  content: Buffer;
  secret: string;
}

/** The typed queries of policy attachments: stored in PostgreSQL, so every web process serves them. */
export class PolicyFileRepository {
  constructor(private readonly ds: DataSource) {}

  /** The policy's id by its number, or null. */
  async policyId(number: number): Promise<string | null> {
    const [row]: { id: string }[] = await this.ds.query(`SELECT id FROM policy WHERE number = $1`, [number]);
    return row?.id ?? null;
  }

  /** Stores the file and points the policy at its link, in one transaction. */
  async attach(
    policyId: string,
    file: { name: string; mime: string; content: Buffer; secret: string; createdById: string | null },
    linkOf: (id: string) => string,
  ): Promise<{ id: string; link: string }> {
    return this.ds.transaction(async (em) => {
      const [{ id }]: { id: string }[] = await em.query(
        `INSERT INTO policy_file (policy_id, name, mime, size, content, secret, created_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [policyId, file.name, file.mime, file.content.length, file.content, file.secret, file.createdById],
      );
      const link = linkOf(id);
      await em.query(`UPDATE policy SET file_ref = $2, updated_at = now() WHERE id = $1`, [policyId, link]);
      return { id, link };
    });
  }

  async find(id: string): Promise<PolicyFileRow | null> {
    const [row]: PolicyFileRow[] = await this.ds.query(
      `SELECT id, name, mime, size, content, secret FROM policy_file WHERE id = $1`,
      [id],
    );
    return row ?? null;
  }
}
