import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { MediaKind } from '../entities/media-asset.entity';

/** Media rows deleted per statement (each holds a PNG or a workbook: 20 KB – 2 MB). */
export const MEDIA_PRUNE_BATCH = 200;

/** A stored attachment as senders and the media route read it. */
export interface StoredMedia {
  id: string;
  kind: MediaKind;
  filename: string;
  contentType: string;
  bytes: Buffer;
  md5: string;
}

/** SQL for media_asset: attachments stored once, read by id. */
export class MediaRepository {
  constructor(private readonly ds: DataSource) {}

  /** Stores bytes (inside the caller's transaction when given a transaction's manager); returns the id. */
  async save(
    db: DataSource | EntityManager,
    media: { kind: MediaKind; filename: string; contentType: string; bytes: Buffer },
  ): Promise<string> {
    const md5 = createHash('md5').update(media.bytes).digest('hex');
    const [row]: { id: string }[] = await db.query(
      `INSERT INTO media_asset (kind, filename, content_type, bytes, md5) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [media.kind, media.filename, media.contentType, media.bytes, md5],
    );
    return row.id;
  }

  /**
   * Deletes attachments no one can fetch or send any more, oldest first, `batch` rows a statement:
   * stored before `before` and not named by an outbound row that may still use it — one pending or
   * failed (a retry or `npm run redrive -- --outbound` sends it again, signing a new link) or sent
   * since `before` (the link it carried still works). Returns how many went.
   */
  async pruneUnused(before: Date, batch = MEDIA_PRUNE_BATCH): Promise<number> {
    let total = 0;
    for (;;) {
      // TypeORM answers DELETE with [rows, affected].
      const [, affected] = await this.ds.query<[unknown, number]>(
        `WITH needed AS (
           SELECT DISTINCT a->>'mediaId' AS id
           FROM outbound_message o
           CROSS JOIN LATERAL jsonb_array_elements(
             CASE WHEN jsonb_typeof(o.payload->'attachments') = 'array' THEN o.payload->'attachments' ELSE '[]'::jsonb END
           ) a
           WHERE o.status <> 'sent' OR o.sent_at IS NULL OR o.sent_at >= $1
         )
         DELETE FROM media_asset WHERE id IN (
           SELECT m.id FROM media_asset m
           WHERE m.created_at < $1 AND NOT EXISTS (SELECT 1 FROM needed n WHERE n.id = m.id::text)
           ORDER BY m.created_at LIMIT $2)`,
        [before, batch],
      );
      total += affected;
      if (affected < batch) return total;
    }
  }

  async find(id: string): Promise<StoredMedia | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows: StoredMedia[] = await this.ds.query(
      `SELECT id, kind, filename, content_type AS "contentType", bytes, md5 FROM media_asset WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}
