import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import {
  ACCOUNT_NAMESPACE_CHECK,
  type AccountPlatform,
  checkIn,
  GROUP_PURPOSES,
  type GroupPurpose,
} from './enums';
import { Enterprise } from './enterprise.entity';
import { OrgUnit } from './org-unit.entity';
import { Timestamped } from './timestamps';

/** A group chat bound to an enterprise, a unit, a district or the leaders, with its push robot. */
@Entity('group_chat')
@Index(['platform', 'chatId'], { unique: true })
@Check(ACCOUNT_NAMESPACE_CHECK)
@Check(checkIn('purpose', GROUP_PURPOSES))
@Check(`("purpose" = 'enterprise') = ("enterprise_id" IS NOT NULL)`)
export class GroupChat extends Timestamped {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  platform: AccountPlatform;

  @Column({ type: 'varchar', length: 128 })
  chatId: string;

  @Column({ type: 'varchar', length: 16 })
  purpose: GroupPurpose;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  enterpriseId: string | null;

  @ManyToOne(() => Enterprise, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: Enterprise | null;

  /** The unit or district bound (for 单位群 / 区县群); null for the leaders' group and 企业群. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: OrgUnit | null;

  /** Push robot webhook (WeCom webhook/send?key=…, DingTalk robot/send?access_token=…). */
  @Column({ type: 'text', nullable: true })
  webhookUrl: string | null;

  /** DingTalk 加签 secret (SEC…). Never logged. */
  @Column({ type: 'text', nullable: true })
  webhookSecret: string | null;
}
