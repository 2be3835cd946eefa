import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ENTERPRISE_KINDS, checkIn, type EnterpriseKind } from './enums';
import { OrgUnit } from './org-unit.entity';
import { Person } from './person.entity';
import { Timestamped } from './timestamps';

/** Which firms a policy goes to: every active firm, or those matching all the criteria given. */
export interface PolicyTargeting {
  all: boolean;
  /** District (区县) unit ids. */
  districtIds: string[];
  industries: string[];
  kind: EnterpriseKind | null;
  creditCodes: string[];
}

/** A policy taken to the firms (送政策到企业): what it is, whom it targets, whom to ask. */
@Entity('policy')
@Check(`"target_kind" IS NULL OR ${checkIn('target_kind', ENTERPRISE_KINDS)}`)
export class Policy extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** What people type after 政策: 政策 3. */
  @Index({ unique: true })
  @Column({ type: 'int', generated: 'increment' })
  number: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** 发文单位, as written (may be a unit outside the roster, e.g. 省发改委). */
  @Column({ type: 'varchar', length: 100 })
  issuer: string;

  @Column({ type: 'text', default: '' })
  summary: string;

  @Column({ type: 'text', nullable: true })
  link: string | null;

  /** A file kept by the service (PDF/Word): its storage reference, e.g. a media id or a path. */
  @Column({ type: 'text', nullable: true })
  fileRef: string | null;

  @Column({ type: 'boolean', default: false })
  targetAll: boolean;

  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  targetDistrictIds: string[];

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  targetIndustries: string[];

  @Column({ type: 'varchar', length: 16, nullable: true })
  targetKind: EnterpriseKind | null;

  @Column({ type: 'varchar', array: true, default: () => "'{}'" })
  targetCreditCodes: string[];

  /** 咨询单位: where the firms' questions go, as problems of kind 咨询. */
  @Column({ type: 'uuid' })
  contactUnitId: string;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contact_unit_id' })
  contactUnit?: OrgUnit;

  @Column({ type: 'uuid' })
  createdById: string;

  @ManyToOne(() => Person, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Person;

  /** Idempotency: the inbound message that published it. */
  @Index({ unique: true, where: '"source_key" IS NOT NULL' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  sourceKey: string | null;
}
