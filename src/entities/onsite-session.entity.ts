import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Enterprise } from './enterprise.entity';
import { Person } from './person.entity';
import { Timestamped } from './timestamps';

/** 局长（主任）现场办公: a unit head holds office at a firm or project to settle its problems there. */
@Entity('onsite_session')
@Index(['heldOn'])
export class OnsiteSession extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** What people type after 现场办公: 现场办公 2. */
  @Index({ unique: true })
  @Column({ type: 'int', generated: 'increment' })
  number: number;

  @Index()
  @Column({ type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: Enterprise;

  /** The day, Beijing date. */
  @Column({ type: 'date' })
  heldOn: string;

  @Column({ type: 'varchar', length: 200 })
  place: string;

  /** 主持: the leader (局长/主任) who presides and records the outcomes. */
  @Index()
  @Column({ type: 'uuid' })
  presidingId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'presiding_id' })
  presiding?: Person;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  invitedUnitIds: string[];

  @Column({ type: 'uuid' })
  createdById: string;

  @Column({ type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  /** Set once, when the minutes went out to the participants. */
  @Column({ type: 'timestamptz', nullable: true })
  minutesSentAt: Date | null;

  @Index({ unique: true, where: '"source_key" IS NOT NULL' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  sourceKey: string | null;
}
