import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { checkIn, ENTERPRISE_KINDS, type EnterpriseKind } from './enums';
import { OrgUnit } from './org-unit.entity';
import { Timestamped } from './timestamps';

/** An enterprise or project unit served by the campaign. */
@Entity('enterprise')
@Check(checkIn('kind', ENTERPRISE_KINDS))
// The bounds are the contact rule's MIN/MAX_CONTACT_TARGET (entities do not import services).
@Check(`"contact_target" IS NULL OR "contact_target" BETWEEN 2 AND 10`)
// The roster-example order (kind, created_at, shown name) of active firms, expressions and a predicate
// TypeORM cannot declare: migration 1766900000001.
@Index('idx_enterprise_roster_example', { synchronize: false })
export class Enterprise extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 50, nullable: true })
  shortName: string | null;

  /** Natural key: 统一社会信用代码, validated with the GB 32100-2015 check character. */
  @Index({ unique: true })
  @Column({ type: 'char', length: 18 })
  creditCode: string;

  /** The district or development zone it belongs to (所属区县). */
  @Index()
  @Column({ type: 'uuid' })
  districtId: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: OrgUnit;

  @Column({ type: 'varchar', length: 50, nullable: true })
  industry: string | null;

  @Column({ type: 'varchar', length: 16, default: 'enterprise' })
  kind: EnterpriseKind;

  /**
   * 每月走访次数 from the roster: this firm's monthly contact target (key firms, e.g. 3); null = the
   * default of the contact rule (`src/services/contact-rule`).
   */
  @Column({ type: 'smallint', nullable: true })
  contactTarget: number | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /**
   * Search columns for the firm lookup, derived from name and short name (see
   * `src/commands/parser/enterprise-search.ts`); null until computed, which the import and the lookup do.
   * `search_text` carries a pg_trgm GIN index, made in the migration (TypeORM cannot describe it).
   */
  @Index()
  @Column({ type: 'varchar', length: 200, nullable: true })
  nameKey: string | null;

  @Index()
  @Column({ type: 'varchar', length: 50, nullable: true })
  shortKey: string | null;

  /** Pinyin syllables of the name, space-separated. */
  @Column({ type: 'text', nullable: true })
  nameSyllables: string | null;

  @Column({ type: 'text', nullable: true })
  shortSyllables: string | null;

  @Index('idx_enterprise_search_text_trgm', { synchronize: false })
  @Index('idx_enterprise_search_pending', { synchronize: false })
  @Column({ type: 'text', nullable: true })
  searchText: string | null;
}
