import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { OrgUnit } from './org-unit.entity';
import { Problem } from './problem.entity';

/** A co-handling unit (协办单位) of a problem. */
@Entity('problem_co_unit')
export class ProblemCoUnit {
  @PrimaryColumn({ type: 'uuid' })
  problemId: string;

  @PrimaryColumn({ type: 'uuid' })
  unitId: string;

  @ManyToOne(() => Problem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'problem_id' })
  problem?: Problem;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: OrgUnit;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  addedAt: Date;
}
