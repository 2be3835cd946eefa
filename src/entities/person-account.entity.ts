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
import { Person } from './person.entity';

/**
 * A person's account on one platform, as the roster names it (企业微信账号, 钉钉账号, …). One row per
 * (person, account platform); an account id belongs to one person. `platform` is an adapter's
 * account namespace (the WeCom app and 智能机器人 share `wecom`), so a new platform needs no migration.
 */
@Entity('person_account')
@Index(['platform', 'accountId'], { unique: true })
@Index(['personId', 'platform'], { unique: true })
@Check(`"platform" ~ '^[a-z][a-z0-9_]*$'`)
export class PersonAccount {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @Column({ type: 'varchar', length: 16 })
  platform: string;

  @Column({ type: 'varchar', length: 64 })
  accountId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
