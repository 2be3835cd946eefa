import type { DataSource } from 'typeorm';

/** Deletes at most this many rows per statement, so the prune never holds long locks. */
export const PRUNE_BATCH = 5000;

/** What a prune removed. */
export interface PruneCounts {
  inbound: number;
  outbound: number;
}

/** The rows a retention run may delete: finished work only — never an unhandled or pending row. */
const STATEMENTS = {
  inbound: `DELETE FROM inbound_message WHERE id IN (
      SELECT id FROM inbound_message
      WHERE received_at < $1 AND handled_at IS NOT NULL ORDER BY id LIMIT $2)`,
  outbound: `DELETE FROM outbound_message WHERE id IN (
      SELECT id FROM outbound_message
      WHERE created_at < $1 AND status <> 'pending' ORDER BY id LIMIT $2)`,
} as const;

/** inbound_message and outbound_message retention. */
export class RetentionRepository {
  constructor(private readonly ds: DataSource) {}

  /** Deletes finished rows older than `before`, batch by batch (ids grow with time: oldest first). */
  async prune(before: Date, batch = PRUNE_BATCH): Promise<PruneCounts> {
    const counts: PruneCounts = { inbound: 0, outbound: 0 };
    for (const table of ['inbound', 'outbound'] as const) {
      for (;;) {
        // TypeORM answers DELETE with [rows, affected].
        const [, affected] = await this.ds.query<[unknown, number]>(STATEMENTS[table], [before, batch]);
        counts[table] += affected;
        if (affected < batch) break;
      }
    }
    return counts;
  }
}
