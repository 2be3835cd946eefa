import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose `platform` is an account namespace, with the CHECK before and after this migration. */
const TABLES: [table: string, fixedList: string, shape: string][] = [
  ['account_binding', 'CHK_9679e4fce0e3537082009b9793', 'CHK_78465ff6e84088b92d2b6c9841'],
  ['binding_audit', 'CHK_34228486433d8e8cc103b23f52', 'CHK_2268bbe35e05aa0053e898a6c1'],
  ['binding_request', 'CHK_4b37b44d1870350ee31e119ef0', 'CHK_a3cef54045b9b566cb8295192f'],
  ['group_chat', 'CHK_8bfc39ef06aaaec2a075cf7c53', 'CHK_4e0fa8f11be09ccacdcf111633'],
];

/**
 * The database no longer lists platforms: group chats and 绑定 rows checked `platform IN ('wecom',
 * 'dingtalk')`, so a platform with groups or 绑定 needed a migration. Which namespaces exist is now the
 * platform registry's answer (the roster checks 群聊.平台 against it; 绑定 rows come from adapters); the
 * database checks only the shape, as person_account and inbound_message already do. No row changes.
 */
export class PlatformChecks1767000000001 implements MigrationInterface {
  name = 'PlatformChecks1767000000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, fixedList, shape] of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${fixedList}"`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${shape}" CHECK ("platform" ~ '^[a-z][a-z0-9_]*$')`,
      );
    }
  }

  /** Rows of platforms other than the two the old lists named cannot stay under them and are deleted. */
  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, fixedList, shape] of TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${shape}"`);
      await queryRunner.query(`DELETE FROM "${table}" WHERE platform NOT IN ('wecom', 'dingtalk')`);
      await queryRunner.query(
        `ALTER TABLE "${table}" ADD CONSTRAINT "${fixedList}" CHECK ("platform" IN ('wecom', 'dingtalk'))`,
      );
    }
  }
}
