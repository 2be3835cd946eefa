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
import {
  ACCOUNTABILITY_RULES,
  ACCOUNTABILITY_SUBJECTS,
  type AccountabilityRule,
  type AccountabilitySubject,
  checkIn,
} from './enums';
import { Person } from './person.entity';

/**
 * A leader's explanation of one line of a month's 慢作为/不作为 list: the line stays in the record
 * (with the facts as they were listed) and is left off the next month's list.
 */
@Entity('accountability_explanation')
@Check(checkIn('subject_kind', ACCOUNTABILITY_SUBJECTS))
@Check(checkIn('rule', ACCOUNTABILITY_RULES))
@Index(['subjectKind', 'subjectId', 'rule', 'period'], { unique: true })
@Index(['period'])
export class AccountabilityExplanation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 8 })
  subjectKind: AccountabilitySubject;

  /** The cadre (person) or the unit. */
  @Column({ type: 'uuid' })
  subjectId: string;

  @Column({ type: 'varchar', length: 24 })
  rule: AccountabilityRule;

  /** The month of the list the line was on, `YYYY-MM`. */
  @Column({ type: 'varchar', length: 7 })
  period: string;

  /** The line's facts as listed (what was explained). */
  @Column({ type: 'jsonb' })
  facts: unknown;

  @Column({ type: 'text' })
  note: string;

  @Column({ type: 'uuid', nullable: true })
  explainedById: string | null;

  @ManyToOne(() => Person, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'explained_by_id' })
  explainedBy?: Person | null;

  @CreateDateColumn({ type: 'timestamptz' })
  explainedAt: Date;
}
