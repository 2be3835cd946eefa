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
import { checkIn, RATING_SUBJECTS, type RatingSubject, VERDICTS, type Verdict } from './enums';
import { Enterprise } from './enterprise.entity';
import { Person } from './person.entity';

/**
 * An enterprise's rating. Two subjects, kept apart on purpose: the cadre's service (1–5, monthly)
 * and a handling unit's result on one problem (满意/基本满意/不满意).
 */
@Entity('rating')
@Check(checkIn('subject', RATING_SUBJECTS))
@Check(`"score" IS NULL OR "score" BETWEEN 1 AND 5`)
@Check(`"verdict" IS NULL OR ${checkIn('verdict', VERDICTS)}`)
@Check(`("subject" = 'cadre' AND "cadre_id" IS NOT NULL AND "score" IS NOT NULL AND "period" IS NOT NULL)
     OR ("subject" = 'unit' AND "problem_id" IS NOT NULL AND "verdict" IS NOT NULL)`)
@Index('uq_rating_cadre_period', ['enterpriseId', 'cadreId', 'period'], {
  unique: true,
  where: `"subject" = 'cadre'`,
})
@Index(['unitId', 'createdAt'])
@Index(['problemId'])
export class Rating {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 8 })
  subject: RatingSubject;

  @Column({ type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: Enterprise;

  @Column({ type: 'uuid' })
  raterId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rater_id' })
  rater?: Person;

  @Column({ type: 'uuid', nullable: true })
  cadreId: string | null;

  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ type: 'uuid', nullable: true })
  problemId: string | null;

  /** `YYYY-MM` for the monthly rating of a cadre. */
  @Column({ type: 'varchar', length: 7, nullable: true })
  period: string | null;

  @Column({ type: 'smallint', nullable: true })
  score: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  verdict: Verdict | null;

  @Column({ type: 'text', default: '' })
  comment: string;

  /** Recorded by the pair's cadre on the firm's behalf (代评), for a firm without a contact. */
  @Column({ type: 'boolean', default: false })
  byProxy: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
