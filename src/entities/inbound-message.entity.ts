import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { Platform } from './enums';

/** A message or event as received, stored once before it is acknowledged. */
@Entity('inbound_message')
@Index(['platform', 'messageId'], { unique: true })
@Index('ix_inbound_unhandled', ['receivedAt'], { where: '"handled_at" IS NULL' })
/** Any adapter's platform name (see src/platforms/registry.ts), so a new platform needs no migration. */
@Check(`"platform" ~ '^[a-z][a-z0-9_]*$'`)
export class InboundMessageRow {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  platform: Platform;

  /** Platform message id as a string (WeCom MsgId exceeds 2^53; events: FromUserName + CreateTime). */
  @Column({ type: 'varchar', length: 200 })
  messageId: string;

  /** The platform-neutral message (see bot/inbound-message.ts). */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  handledAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** Parked as dead: never retried again until `npm run redrive`. */
  @Column({ type: 'timestamptz', nullable: true })
  deadAt: Date | null;
}
