import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { checkIn, UNIT_KINDS, type UnitKind } from './enums';
import { Timestamped } from './timestamps';

/** A district, development zone, city department or handling unit, in one hierarchy. */
@Entity('org_unit')
@Check(checkIn('kind', UNIT_KINDS))
export class OrgUnit extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Natural key (roster 单位.名称). */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: UnitKind;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: OrgUnit | null;
}
