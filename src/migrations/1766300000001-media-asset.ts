import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Attachments of outbound messages (chart PNGs, the 通报 workbook), read by every sender process. */
export class MediaAsset1766300000001 implements MigrationInterface {
  name = 'MediaAsset1766300000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "media_asset" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(8) NOT NULL, "filename" character varying(200) NOT NULL, "content_type" character varying(100) NOT NULL, "bytes" bytea NOT NULL, "md5" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_78a81782401b72f2aea62bd313" CHECK ("kind" IN ('image', 'file')), CONSTRAINT "PK_facd363e2bf84400ac44913a2f3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_ce68244c835b24d66acbd0f67a" ON "media_asset" ("created_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_ce68244c835b24d66acbd0f67a"`);
    await queryRunner.query(`DROP TABLE "media_asset"`);
  }
}
