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
import { checkIn, VISIT_METHODS, type VisitMethod } from './enums';
import { Enterprise } from './enterprise.entity';
import { Pairing } from './pairing.entity';
import { Person } from './person.entity';

/** A contact (visit, call, video, meeting) of a cadre with an enterprise on a Beijing date. */
@Entity('visit')
@Check(checkIn('method', VISIT_METHODS))
@Index(['enterpriseId', 'visitedOn'])
@Index(['cadreId', 'visitedOn'])
@Index(['visitedOn'])
// The console's 走访台账 order (visited_on DESC, created_at DESC, id), made by migration 1766700000001:
// TypeORM cannot declare a descending index, so synchronize leaves it alone.
@Index('ix_visit_console_order', { synchronize: false })
// The console's free-text search: GIN on console_grams(search_text), migration 1766820000001.
@Index('ix_visit_search', { synchronize: false })
// The month's visits with their firm and cadre (INCLUDE columns), for the contact count: migration 1766900000002.
@Index('ix_visit_month_pairs', { synchronize: false })
export class Visit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  cadreId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cadre_id' })
  cadre?: Person;

  @Column({ type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: Enterprise;

  /** The pairing in force when the visit was registered; null for a firm not paired with the cadre. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  pairingId: string | null;

  @ManyToOne(() => Pairing, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pairing_id' })
  pairing?: Pairing | null;

  @Column({ type: 'date' })
  visitedOn: string;

  @Column({ type: 'varchar', length: 16 })
  method: VisitMethod;

  @Column({ type: 'text', default: '' })
  summary: string;

  /** The enterprise's one-tap confirmation (two-sided visit records). */
  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  confirmedById: string | null;

  /** Idempotency: the inbound message that registered it. */
  @Index({ unique: true, where: '"source_key" IS NOT NULL' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  sourceKey: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  /**
   * What the console's search reads: summary, the firm's name and short name, the cadre's name, lower
   * case. Written by database triggers only (on this row, and when the firm or person is renamed).
   */
  @Column({ type: 'text', nullable: true, select: false, insert: false, update: false })
  searchText?: string | null;
}
