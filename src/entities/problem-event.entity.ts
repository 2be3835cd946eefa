import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ProblemEventAction } from './enums';
import { Person } from './person.entity';
import { Problem } from './problem.entity';

/** One step in a problem's life; written in the same transaction as the change it records. */
@Entity('problem_event')
@Index(['problemId', 'at'])
export class ProblemEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  problemId: string;

  @ManyToOne(() => Problem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: Problem;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** Null for the system (jobs, routing). */
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => Person, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id' })
  actor?: Person | null;

  /** One of PROBLEM_EVENT_ACTIONS (a TypeScript union; the column stays a plain varchar). */
  @Column({ type: 'varchar', length: 32 })
  action: ProblemEventAction;

  @Column({ type: 'varchar', length: 16, nullable: true })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  toStatus: string | null;

  @Column({ type: 'text', default: '' })
  note: string;

  /**
   * Who the step's notice reached and through which route (单位群, 办理人, 单位领导, 亲商助企办管理员…),
   * or that it reached nobody; null for steps that notify no one.
   */
  @Column({ type: 'text', nullable: true })
  delivery: string | null;

  /** Makes a retried step a no-op (e.g. the inbound message id or job period). */
  @Index({ unique: true, where: '"idempotency_key" IS NOT NULL' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  idempotencyKey: string | null;
}
