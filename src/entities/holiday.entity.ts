import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** An override of the official calendar: 休 (day off) or 班 (make-up workday). */
@Entity('holiday')
@Check(`"kind" IN ('off', 'work')`)
export class Holiday {
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 8 })
  kind: 'off' | 'work';

  @Column({ type: 'varchar', length: 50, default: '' })
  name: string;
}
