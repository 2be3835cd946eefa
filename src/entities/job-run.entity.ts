import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One run of a scheduled job for one period; the unique key makes re-runs visible. */
@Entity('job_run')
@Index(['job', 'period'], { unique: true })
export class JobRun {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  job: string;

  /** e.g. 2026-11-25 for daily jobs, 2026-W48 for weekly, 2026-11 for monthly. */
  @Column({ type: 'varchar', length: 32 })
  period: string;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  messages: number;
}
