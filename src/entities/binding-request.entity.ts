import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { ACCOUNT_NAMESPACE_CHECK, type AccountPlatform, checkIn } from './enums';
import { Person } from './person.entity';

export const BINDING_REQUEST_STATUSES = ['pending', 'approved', 'refused'] as const;
export type BindingRequestStatus = (typeof BINDING_REQUEST_STATUSES)[number];

/**
 * A 绑定 waiting for an admin: roles above 干部, or nothing else could prove the account. The
 * number is short so an admin can type 同意绑定 12.
 */
@Entity('binding_request')
@Index(['platform', 'externalUserId'], { unique: true, where: `"status" = 'pending'` })
@Check(ACCOUNT_NAMESPACE_CHECK)
@Check(checkIn('status', BINDING_REQUEST_STATUSES))
export class BindingRequest {
  @PrimaryGeneratedColumn('increment')
  no: number;

  @Column({ type: 'varchar', length: 16 })
  platform: AccountPlatform;

  @Column({ type: 'varchar', length: 128 })
  externalUserId: string;

  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: BindingRequestStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  decidedBy: string | null;
}
