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
import { ACCOUNT_NAMESPACE_CHECK, type AccountPlatform } from './enums';
import { Person } from './person.entity';

/** A platform account linked to a roster person through the 绑定 command. */
@Entity('account_binding')
@Index(['platform', 'externalUserId'], { unique: true })
@Check(ACCOUNT_NAMESPACE_CHECK)
export class AccountBinding {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  platform: AccountPlatform;

  @Column({ type: 'varchar', length: 128 })
  externalUserId: string;

  @Index()
  @Column({ type: 'uuid' })
  personId: string;

  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id' })
  person?: Person;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
