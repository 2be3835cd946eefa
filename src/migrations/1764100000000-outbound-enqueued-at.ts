import type { MigrationInterface, QueryRunner } from 'typeorm';

/** outbound_message.enqueued_at: when the relay handed the row to BullMQ (null = not yet). */
export class OutboundEnqueuedAt1764100000000 implements MigrationInterface {
  name = 'OutboundEnqueuedAt1764100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbound_message" ADD "enqueued_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbound_message" DROP COLUMN "enqueued_at"`);
  }
}
