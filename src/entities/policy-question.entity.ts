import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Policy } from './policy.entity';
import { Problem } from './problem.entity';

/** A firm's 咨询 about a policy: the ledger problem (kind consult) it opened. */
@Entity('policy_question')
export class PolicyQuestion {
  @PrimaryColumn({ type: 'uuid' })
  problemId: string;

  @ManyToOne(() => Problem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: Problem;

  @Index()
  @Column({ type: 'uuid' })
  policyId: string;

  @ManyToOne(() => Policy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'policy_id' })
  policy?: Policy;
}
