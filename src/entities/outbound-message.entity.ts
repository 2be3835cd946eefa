import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { checkIn, OUTBOUND_STATUSES, type OutboundStatus } from './enums';

/** Something to send, keyed so that a retried job or a re-run never sends it twice. */
@Entity('outbound_message')
@Check(checkIn('status', OUTBOUND_STATUSES))
@Index('ix_outbound_pending', ['createdAt'], { where: `"status" = 'pending'` })
export class OutboundMessage {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 300 })
  idempotencyKey: string;

  /** wecom_app, wecom_appchat, wecom_webhook, wecom_bot_response, dingtalk_session, dingtalk_robot, dingtalk_api */
  @Column({ type: 'varchar', length: 32 })
  channel: string;

  /** Who or where: user id, chat id, robot webhook id (never the secret). */
  @Column({ type: 'varchar', length: 300 })
  target: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: OutboundStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** The platform's errcode of a permanent failure (status failed), e.g. 40058 or 93000. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  errorCode: string | null;

  /** Parts of a split message the platform accepted: a retried job continues after them. */
  @Column({ type: 'int', default: 0 })
  partsSent: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** When the relay handed the row to BullMQ; null = a pending row the relay must still enqueue. */
  @Column({ type: 'timestamptz', nullable: true })
  enqueuedAt: Date | null;
}
