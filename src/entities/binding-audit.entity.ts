import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ACCOUNT_NAMESPACE_CHECK, type AccountPlatform, checkIn } from './enums';

/** What happened to a platform account's link to a roster person. */
export const BINDING_ACTIONS = ['bound', 'code_sent', 'requested', 'refused', 'revoked'] as const;
export type BindingAction = (typeof BINDING_ACTIONS)[number];

/** How a binding was proven: the platform's directory, a one-time code, or an admin. */
export const BINDING_METHODS = ['directory', 'code', 'admin'] as const;
export type BindingMethod = (typeof BINDING_METHODS)[number];

/**
 * The audit trail of 绑定: every binding, code, request, refusal and revocation, kept when the
 * binding itself is gone. No foreign keys: the history outlives people leaving the roster.
 */
@Entity('binding_audit')
@Index(['personId', 'at'])
@Check(ACCOUNT_NAMESPACE_CHECK)
@Check(checkIn('action', BINDING_ACTIONS))
export class BindingAudit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 16 })
  platform: AccountPlatform;

  @Column({ type: 'varchar', length: 128 })
  externalUserId: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'varchar', length: 16 })
  action: BindingAction;

  @Column({ type: 'varchar', length: 16, nullable: true })
  method: BindingMethod | null;

  /** The admin who approved, refused or revoked; null when the person acted themselves. */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
