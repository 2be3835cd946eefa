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
import { checkIn, EXTENSION_STATUSES, type ExtensionStatus } from './enums';
import { Person } from './person.entity';
import { Problem } from './problem.entity';

/** A unit's request for more working days (延期), decided by a leader. */
@Entity('extension_request')
@Check(checkIn('status', EXTENSION_STATUSES))
@Check('"days" > 0')
@Index('uq_extension_pending', ['problemId'], { unique: true, where: `"status" = 'pending'` })
export class ExtensionRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  problemId: string;

  @ManyToOne(() => Problem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: Problem;

  @Column({ type: 'uuid' })
  requestedById: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by_id' })
  requestedBy?: Person;

  @Column({ type: 'int' })
  days: number;

  @Column({ type: 'text', default: '' })
  reason: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ExtensionStatus;

  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
