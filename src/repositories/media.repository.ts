import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { MediaKind } from '../entities/media-asset.entity';

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

  async find(id: string): Promise<StoredMedia | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const rows: StoredMedia[] = await this.ds.query(
      `SELECT id, kind, filename, content_type AS "contentType", bytes, md5 FROM media_asset WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }
}
