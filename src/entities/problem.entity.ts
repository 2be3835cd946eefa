import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Category } from './category.entity';
import { Enterprise } from './enterprise.entity';
import {
  checkIn,
  CLOSURES,
  type Closure,
  PROBLEM_KINDS,
  PROBLEM_STATUSES,
  type ProblemKind,
  type ProblemStatus,
  VERDICTS,
  type Verdict,
} from './enums';
import { OrgUnit } from './org-unit.entity';
import { Person } from './person.entity';
import { Timestamped } from './timestamps';
import { Visit } from './visit.entity';

/** A problem, request or service on the ledger (工作台账), from report to strike-off (销号). */
@Entity('problem')
@Check(checkIn('kind', PROBLEM_KINDS))
@Check(checkIn('status', PROBLEM_STATUSES))
@Check(`"rating" IS NULL OR ${checkIn('rating', VERDICTS)}`)
@Check(`"closure" IS NULL OR ${checkIn('closure', CLOSURES)}`)
@Check('"return_count" >= 0 AND "redo_count" >= 0 AND "extension_days" >= 0')
@Index(['status', 'dueOn'])
@Index(['leadUnitId', 'status'])
@Index(['enterpriseId', 'status'])
@Index(['createdAt'])
// The console's free-text search (migration 1766820000001): a GIN index of console_grams(search_text),
// an expression TypeORM cannot declare, so synchronize leaves it alone.
@Index('ix_problem_search', { synchronize: false })
export class Problem extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Human code, e.g. W20261123-0007; what people type after 查看. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'varchar', length: 16, default: 'problem' })
  kind: ProblemKind;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  categoryId: string | null;

  @ManyToOne(() => Category, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id' })
  category?: Category | null;

  @Column({ type: 'uuid' })
  enterpriseId: string;

  @ManyToOne(() => Enterprise, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: Enterprise;

  @Column({ type: 'uuid' })
  reporterId: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reporter_id' })
  reporter?: Person;

  /** The enterprise's responsible cadre when it was reported (一对一 follow-up). */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  cadreId: string | null;

  @Column({ type: 'uuid', nullable: true })
  visitId: string | null;

  @ManyToOne(() => Visit, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'visit_id' })
  visit?: Visit | null;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: ProblemStatus;

  @Column({ type: 'uuid', nullable: true })
  leadUnitId: string | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'lead_unit_id' })
  leadUnit?: OrgUnit | null;

  /** The named person at the unit (责任到人). */
  @Column({ type: 'uuid', nullable: true })
  handlerId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  assignedAt: Date | null;

  /** Last working day to finish on (inclusive, Beijing date); moves with approved extensions. */
  @Column({ type: 'date', nullable: true })
  dueOn: string | null;

  @Column({ type: 'int', default: 0 })
  extensionDays: number;

  @Column({ type: 'int', default: 0 })
  returnCount: number;

  @Column({ type: 'int', default: 0 })
  redoCount: number;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  resolution: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null;

  /** For services: the result was delivered to the enterprise (办结送达). */
  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  closedById: string | null;

  /** How it was struck off (rated, proxy 代评, unrated 逾期未评价, admin); null while open. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  closure: Closure | null;

  /** The enterprise's verdict on the result (the unit's rating). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  rating: Verdict | null;

  @Column({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null;

  /** Set when 撤单质检 contradicts a closure or withdrawal. */
  @Column({ type: 'boolean', default: false })
  flagged: boolean;

  /** Idempotency: the inbound message that reported it. */
  @Index({ unique: true, where: '"source_key" IS NOT NULL' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  sourceKey: string | null;

  /**
   * What the console's search reads: code, description, the firm's name and short name, the lead unit's
   * and the cadre's name, lower case. Written by database triggers only (on this row, and when the firm,
   * unit or person is renamed), never by the application.
   */
  @Column({ type: 'text', nullable: true, select: false, insert: false, update: false })
  searchText?: string | null;
}
