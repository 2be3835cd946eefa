import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * At-least-once and exactly-one-copy bookkeeping:
 * inbound_message.dead_at (a message parked after its attempts failed for a reason not the infrastructure's),
 * inbound_message.enqueued_at dropped (the relay asks BullMQ for the job's state instead),
 * outbound_message.parts_sent (parts a platform accepted, recorded before anything else can fail)
 * and outbound_message.error_code (the platform's code of a permanent failure).
 */
export class Durability1765400000001 implements MigrationInterface {
  name = 'Durability1765400000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inbound_message" DROP COLUMN "enqueued_at"`);
    await queryRunner.query(`ALTER TABLE "inbound_message" ADD "dead_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "outbound_message" ADD "parts_sent" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "outbound_message" ADD "error_code" character varying(64)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbound_message" DROP COLUMN "error_code"`);
    await queryRunner.query(`ALTER TABLE "outbound_message" DROP COLUMN "parts_sent"`);
    await queryRunner.query(`ALTER TABLE "inbound_message" DROP COLUMN "dead_at"`);
    await queryRunner.query(`ALTER TABLE "inbound_message" ADD "enqueued_at" TIMESTAMP WITH TIME ZONE`);
  }
}
