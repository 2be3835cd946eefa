import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

/** created/updated instants, always timestamptz. */
export abstract class Timestamped {
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
