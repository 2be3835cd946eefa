import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { checkIn, SESSION_OUTCOMES, type SessionOutcome } from './enums';
import { OnsiteSession } from './onsite-session.entity';
import { OrgUnit } from './org-unit.entity';
import { Problem } from './problem.entity';

/** One problem on a session's agenda and what was decided on it. */
@Entity('onsite_session_item')
@Check(`"outcome" IS NULL OR ${checkIn('outcome', SESSION_OUTCOMES)}`)
@Index(['sessionId', 'problemId'], { unique: true })
export class OnsiteSessionItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  sessionId: string;

  @ManyToOne(() => OnsiteSession, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: OnsiteSession;

  @Index()
  @Column({ type: 'uuid' })
  problemId: string;

  @ManyToOne(() => Problem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: Problem;

  @Column({ type: 'varchar', length: 16, nullable: true })
  outcome: SessionOutcome | null;

  /** 限期解决: the deadline and the responsible unit. */
  @Column({ type: 'date', nullable: true })
  deadline: string | null;

  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: OrgUnit | null;

  /** 现场解决's note, or 不能解决's reason. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
