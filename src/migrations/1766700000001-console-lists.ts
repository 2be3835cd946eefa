import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console: the 走访台账 page's order (newest first) as an index, so a page of 1.2 million visits
 * reads 20 index entries instead of sorting them all; and the files kept for 送政策 (PDF/Word
 * attachments), served by a signed, expiring link.
 */
export class ConsoleLists1766700000001 implements MigrationInterface {
  name = 'ConsoleLists1766700000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "ix_visit_console_order" ON "visit" ("visited_on" DESC, "created_at" DESC, "id")`,
    );
    await queryRunner.query(
      `CREATE TABLE "policy_file" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "policy_id" uuid NOT NULL,
        "name" character varying(200) NOT NULL, "mime" character varying(100) NOT NULL, "size" integer NOT NULL,
        "content" bytea NOT NULL, "secret" character varying(64) NOT NULL, "created_by_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_policy_file" PRIMARY KEY ("id"),
        CONSTRAINT "FK_policy_file_policy" FOREIGN KEY ("policy_id") REFERENCES "policy"("id") ON DELETE CASCADE)`,
    );
    await queryRunner.query(`CREATE INDEX "ix_policy_file_policy" ON "policy_file" ("policy_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "policy_file"`);
    await queryRunner.query(`DROP INDEX "ix_visit_console_order"`);
  }
}
