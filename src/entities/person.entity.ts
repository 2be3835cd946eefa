import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Enterprise } from './enterprise.entity';
import { OrgUnit } from './org-unit.entity';
import type { Role } from './enums';
import { Timestamped } from './timestamps';

/** Anyone the bot knows: cadres, handling staff, leaders, admins and enterprise contacts. */
@Entity('person')
@Check(
  `"roles" <@ ARRAY['cadre','handler','leader','admin','contact']::varchar[] AND cardinality("roles") > 0`,
)
export class Person extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** Natural key (roster 人员.手机), 11 digits. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 11 })
  mobile: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: OrgUnit | null;

  @Column({ type: 'varchar', array: true })
  roles: Role[];

  /** For enterprise contacts: the enterprise they speak for. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  enterpriseId: string | null;

  @ManyToOne(() => Enterprise, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: Enterprise | null;

  /** False once the person leaves the roster; kept for history. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Leave (请假/出差): reminders skip the person in this date range. */
  @Column({ type: 'date', nullable: true })
  leaveFrom: string | null;

  @Column({ type: 'date', nullable: true })
  leaveTo: string | null;
}
