import type { MigrationInterface, QueryRunner } from 'typeorm';

/** org_unit.kind may be 'campaign' (roster 单位.类型 亲商助企办, the campaign office). */
export class CampaignOfficeUnitKind1765100000000 implements MigrationInterface {
  name = 'CampaignOfficeUnitKind1765100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "org_unit" DROP CONSTRAINT "CHK_53ca6b7a276edd79d5e8b9ef8d"`);
    await queryRunner.query(
      `ALTER TABLE "org_unit" ADD CONSTRAINT "CHK_34bed1807a5e8e048702954059" CHECK ("kind" IN ('district', 'zone', 'department', 'handling', 'campaign'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE "org_unit" SET "kind" = 'department' WHERE "kind" = 'campaign'`);
    await queryRunner.query(`ALTER TABLE "org_unit" DROP CONSTRAINT "CHK_34bed1807a5e8e048702954059"`);
    await queryRunner.query(
      `ALTER TABLE "org_unit" ADD CONSTRAINT "CHK_53ca6b7a276edd79d5e8b9ef8d" CHECK ("kind" IN ('district', 'zone', 'department', 'handling'))`,
    );
  }
}
