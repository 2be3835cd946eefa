import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** What a stored attachment is: a chart image (PNG) or a document (the 通报's `.xlsx`). */
export type MediaKind = 'image' | 'file';

/**
 * An attachment an outbound message carries, stored once in PostgreSQL so every sender process
 * can read it: WeCom takes the bytes (base64 for group robots, media/upload for the app), DingTalk
 * fetches them from the signed URL the service serves (`GET /media/:id`).
 */
@Entity('media_asset')
@Check(`"kind" IN ('image', 'file')`)
export class MediaAsset {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 8 })
  kind: MediaKind;

  /** Shown to people (the file message's name); ASCII-safe names are made when serving. */
  @Column({ type: 'varchar', length: 200 })
  filename: string;

  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'bytea' })
  bytes: Buffer;

  /** md5 of the raw bytes, hex (the group robot's image.md5). */
  @Column({ type: 'varchar', length: 32 })
  md5: string;

  @Index()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
