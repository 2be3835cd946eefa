import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * problem_event.delivery (the route a step's notice took), rating.by_proxy (代评) and
 * problem.closure (how a problem was struck off: rated, proxy, unrated 逾期未评价, admin).
 */
export class DeliveryProxyClosure1765200000002 implements MigrationInterface {
  name = 'DeliveryProxyClosure1765200000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "problem_event" ADD "delivery" text`);
    await queryRunner.query(`ALTER TABLE "rating" ADD "by_proxy" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "problem" ADD "closure" character varying(16)`);
    await queryRunner.query(
      `ALTER TABLE "problem" ADD CONSTRAINT "CHK_e7e02ff19cbb4a3c218923b17f" CHECK ("closure" IS NULL OR "closure" IN ('rated', 'proxy', 'unrated', 'admin'))`,
    );
    // Problems closed before this column existed: by admin when an admin closed them, else rated.
    await queryRunner.query(
      `UPDATE "problem" p SET "closure" = CASE WHEN p."rating" IS NULL THEN 'admin' ELSE 'rated' END
       WHERE p."status" = 'closed'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "problem" DROP CONSTRAINT "CHK_e7e02ff19cbb4a3c218923b17f"`);
    await queryRunner.query(`ALTER TABLE "problem" DROP COLUMN "closure"`);
    await queryRunner.query(`ALTER TABLE "rating" DROP COLUMN "by_proxy"`);
    await queryRunner.query(`ALTER TABLE "problem_event" DROP COLUMN "delivery"`);
  }
}
