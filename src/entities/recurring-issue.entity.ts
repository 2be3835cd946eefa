import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Category } from './category.entity';
import { checkIn, RECURRING_STATUSES, type RecurringStatus } from './enums';
import { OrgUnit } from './org-unit.entity';
import { Person } from './person.entity';
import { Timestamped } from './timestamps';

/**
 * 一类事: one trouble many firms reported, opened by a leader over the problems that describe it,
 * assigned to a unit for a systemic answer (a policy fix for all of them), settled when answered.
 */
@Entity('recurring_issue')
@Check(checkIn('status', RECURRING_STATUSES))
export class RecurringIssue extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** What people type: 一类事 3. */
  @Index({ unique: true })
  @Column({ type: 'int', generated: 'increment' })
  number: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  @ManyToOne(() => Category, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id' })
  category?: Category | null;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status: RecurringStatus;

  /** The unit asked for the systemic answer. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: OrgUnit | null;

  /** The systemic answer, sent to every linked problem as its answer. */
  @Column({ type: 'text', nullable: true })
  answer: string | null;

  @Column({ type: 'uuid' })
  openedById: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'opened_by_id' })
  openedBy?: Person;

  @Column({ type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  settledAt: Date | null;
}
