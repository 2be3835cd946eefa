import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { Enterprise } from './enterprise.entity';
import { Person } from './person.entity';

/**
 * A cadre–enterprise pair (一对一). Re-pairing ends the old row and starts a new one, so the
 * history of who was responsible when is never lost. One open pair per enterprise.
 */
@Entity('pairing')
@Index('uq_pairing_open_enterprise', ['enterpriseId'], { unique: true, where: '"ended_at" IS NULL' })
@Index(['cadreId', 'endedAt'])
export class Pairing {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  cadreId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cadre_id' })
  cadre?: Person;

  @Index()
  @Column({ type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: Enterprise;

  @Column({ type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** Why it ended: roster (gone from the roster), reassigned, leave. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  endReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
