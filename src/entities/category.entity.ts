import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { checkIn, PROBLEM_KINDS, type ProblemKind } from './enums';
import { OrgUnit } from './org-unit.entity';
import { Timestamped } from './timestamps';

/** The editable catalogue that routes problems: lead unit, working-day limit, keywords. */
@Entity('category')
@Check(checkIn('kind', PROBLEM_KINDS))
@Check('"time_limit_days" > 0')
export class Category extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Natural key (roster 问题类别.类别). */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** problem for ordinary categories; assist/accompany/proxy/green for 帮办/陪办/代办/绿色通道. */
  @Column({ type: 'varchar', length: 16, default: 'problem' })
  kind: ProblemKind;

  @Index()
  @Column({ type: 'uuid' })
  leadUnitId: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_unit_id' })
  leadUnit?: OrgUnit;

  @Column({ type: 'int' })
  timeLimitDays: number;

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  keywords: string[];

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
