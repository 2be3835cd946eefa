import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * org_unit.kind may be 'office' (roster 类型 亲商助企办, the campaign office). Another branch adds
 * the same value; at merge keep one of the two migrations.
 */
export class UnitKindOffice1765200000001 implements MigrationInterface {
  name = 'UnitKindOffice1765200000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "org_unit" DROP CONSTRAINT "CHK_53ca6b7a276edd79d5e8b9ef8d"`);
    await queryRunner.query(
      `ALTER TABLE "org_unit" ADD CONSTRAINT "CHK_cb0e6c1a37f0cc6fd07feb8ab0" CHECK ("kind" IN ('district', 'zone', 'department', 'handling', 'office'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "org_unit" DROP CONSTRAINT "CHK_cb0e6c1a37f0cc6fd07feb8ab0"`);
    await queryRunner.query(
      `ALTER TABLE "org_unit" ADD CONSTRAINT "CHK_53ca6b7a276edd79d5e8b9ef8d" CHECK ("kind" IN ('district', 'zone', 'department', 'handling'))`,
    );
  }
}
