import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Person } from './person.entity';
import { Problem } from './problem.entity';

/** 撤单质检: a private "问题是否真正解决？" to the enterprise after a withdrawal or closure. */
@Entity('quality_check')
export class QualityCheck {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  problemId: string;

  @ManyToOne(() => Problem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: Problem;

  @Column({ type: 'uuid' })
  contactId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contact_id' })
  contact?: Person;

  /** The status that was checked: closed or withdrawn. */
  @Column({ type: 'varchar', length: 16 })
  checkedStatus: string;

  @CreateDateColumn({ type: 'timestamptz' })
  askedAt: Date;

  /** true = really solved, false = not solved (reopens or flags). */
  @Column({ type: 'boolean', nullable: true })
  solved: boolean | null;

  @Column({ type: 'text', default: '' })
  answer: string;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;
}
