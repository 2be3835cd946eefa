import { Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Column } from 'typeorm';
import { Problem } from './problem.entity';
import { RecurringIssue } from './recurring-issue.entity';

/** A problem linked to a 一类事; a problem belongs to one at most. */
@Entity('recurring_issue_problem')
export class RecurringIssueProblem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  issueId: string;

  @ManyToOne(() => RecurringIssue, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issue_id' })
  issue?: RecurringIssue;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  problemId: string;

  @ManyToOne(() => Problem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: Problem;
}
