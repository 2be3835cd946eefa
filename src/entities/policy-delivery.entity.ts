import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Enterprise } from './enterprise.entity';
import { checkIn, POLICY_DELIVERY_STATUSES, type PolicyDeliveryStatus } from './enums';
import { Policy } from './policy.entity';

/** One policy to one targeted firm: how it went out and whether the firm acknowledged it (已阅). */
@Entity('policy_delivery')
@Check(checkIn('status', POLICY_DELIVERY_STATUSES))
@Index(['policyId', 'enterpriseId'], { unique: true })
@Index(['status'])
export class PolicyDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  policyId: string;

  @ManyToOne(() => Policy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'policy_id' })
  policy?: Policy;

  @Index()
  @Column({ type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => Enterprise, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: Enterprise;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: PolicyDeliveryStatus;

  /** 'group' (the firm's group chat) or 'cadre' (its paired cadre passes it on); null while queued. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  via: 'group' | 'cadre' | null;

  /** The outbox row(s) key prefix it went out under (merged per firm per push). */
  @Column({ type: 'varchar', length: 300, nullable: true })
  outboxKey: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  pushedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acknowledgedById: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
