import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outreach instruments: policies taken to the firms (送政策到企业) with their per-firm deliveries
 * and questions, on-site office sessions (局长现场办公) with their agenda, and the problem kind 咨询.
 */
export class Outreach1765900000001 implements MigrationInterface {
  name = 'Outreach1765900000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "category" DROP CONSTRAINT "CHK_9336e3d2dfa8cde095723c7f3b"`);
    await queryRunner.query(`ALTER TABLE "problem" DROP CONSTRAINT "CHK_364d79b2ebb7fa1a5dc81a32cb"`);
    await queryRunner.query(
      `CREATE TABLE "onsite_session" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" SERIAL NOT NULL, "enterprise_id" uuid NOT NULL, "held_on" date NOT NULL, "place" character varying(200) NOT NULL, "presiding_id" uuid NOT NULL, "invited_unit_ids" uuid array NOT NULL DEFAULT '{}', "created_by_id" uuid NOT NULL, "reminded_at" TIMESTAMP WITH TIME ZONE, "minutes_sent_at" TIMESTAMP WITH TIME ZONE, "source_key" character varying(200), CONSTRAINT "PK_151a5dbb6f9bd8f5e3d13df7d1f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_671d3bb6d0590a058af7b9bdf6" ON "onsite_session"  ("number") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_256b7e7f9202d0851b6ba06095" ON "onsite_session"  ("enterprise_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_68de563d4268979a97c748590d" ON "onsite_session"  ("presiding_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_a47d60db4429f61a63375a732e" ON "onsite_session"  ("source_key") WHERE "source_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cbc8bf60886a3d35db9f900bc1" ON "onsite_session"  ("held_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "onsite_session_item" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "problem_id" uuid NOT NULL, "outcome" character varying(16), "deadline" date, "unit_id" uuid, "note" text, "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_f3f101d108ba67a9fb81afd7a6" CHECK ("outcome" IS NULL OR "outcome" IN ('onsite', 'deadline', 'unsolvable')), CONSTRAINT "PK_faa1cc47ec44e9f1ba229a75d71" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b34266a1564a20c08d4154a94d" ON "onsite_session_item"  ("problem_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_0bf146d14c842d2490581e69e0" ON "onsite_session_item"  ("session_id", "problem_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "policy" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "number" SERIAL NOT NULL, "title" character varying(200) NOT NULL, "issuer" character varying(100) NOT NULL, "summary" text NOT NULL DEFAULT '', "link" text, "file_ref" text, "target_all" boolean NOT NULL DEFAULT false, "target_district_ids" uuid array NOT NULL DEFAULT '{}', "target_industries" character varying array NOT NULL DEFAULT '{}', "target_kind" character varying(16), "target_credit_codes" character varying array NOT NULL DEFAULT '{}', "contact_unit_id" uuid NOT NULL, "created_by_id" uuid NOT NULL, "source_key" character varying(200), CONSTRAINT "CHK_bafe7d3c16d2a65c8676707c9b" CHECK ("target_kind" IS NULL OR "target_kind" IN ('enterprise', 'project')), CONSTRAINT "PK_9917b0c5e4286703cc656b1d39f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_547f8469a5494724c88f537c2f" ON "policy"  ("number") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_0d3690da1953401e29e491c19f" ON "policy"  ("source_key") WHERE "source_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "policy_delivery" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "policy_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'queued', "via" character varying(8), "outbox_key" character varying(300), "pushed_at" TIMESTAMP WITH TIME ZONE, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_174e86f9bba975a19d361f92bd" CHECK ("status" IN ('queued', 'sent', 'no_channel')), CONSTRAINT "PK_7ea0c93efb7ae516dc76752ea76" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_98211e534d810ad0c84b80ba7d" ON "policy_delivery"  ("enterprise_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_7fb0a731fa55f1f19a4c1bece7" ON "policy_delivery"  ("status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_0cf86f5a3f61fa034cd3c33930" ON "policy_delivery"  ("policy_id", "enterprise_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "policy_question" ("problem_id" uuid NOT NULL, "policy_id" uuid NOT NULL, CONSTRAINT "PK_92a0962af0c863d51bf984269a6" PRIMARY KEY ("problem_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_f26efadec3c4c953ab0795960e" ON "policy_question"  ("policy_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "category" ADD CONSTRAINT "CHK_6cc8025ac3172993e5ad65058b" CHECK ("kind" IN ('problem', 'request', 'assist', 'accompany', 'proxy', 'green', 'consult'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "problem" ADD CONSTRAINT "CHK_ee53f92b5d3b797b7ac66dd43b" CHECK ("kind" IN ('problem', 'request', 'assist', 'accompany', 'proxy', 'green', 'consult'))`,
    );
    await queryRunner.query(
      `ALTER TABLE "onsite_session" ADD CONSTRAINT "FK_256b7e7f9202d0851b6ba06095c" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "onsite_session" ADD CONSTRAINT "FK_68de563d4268979a97c748590df" FOREIGN KEY ("presiding_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "onsite_session_item" ADD CONSTRAINT "FK_1780c74b6a4ed8ab05b360ecc9f" FOREIGN KEY ("session_id") REFERENCES "onsite_session"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "onsite_session_item" ADD CONSTRAINT "FK_b34266a1564a20c08d4154a94d2" FOREIGN KEY ("problem_id") REFERENCES "problem"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "onsite_session_item" ADD CONSTRAINT "FK_f4c0866a479448b1533bef558de" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "policy" ADD CONSTRAINT "FK_048d8e7647327aec0c4d1b14042" FOREIGN KEY ("contact_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "policy" ADD CONSTRAINT "FK_f684e0854c5af61ef9f71e5a38a" FOREIGN KEY ("created_by_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "policy_delivery" ADD CONSTRAINT "FK_6762f898196744b3f43a51f22b6" FOREIGN KEY ("policy_id") REFERENCES "policy"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "policy_delivery" ADD CONSTRAINT "FK_98211e534d810ad0c84b80ba7df" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "policy_question" ADD CONSTRAINT "FK_92a0962af0c863d51bf984269a6" FOREIGN KEY ("problem_id") REFERENCES "problem"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "policy_question" ADD CONSTRAINT "FK_f26efadec3c4c953ab0795960ec" FOREIGN KEY ("policy_id") REFERENCES "policy"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "policy_question" DROP CONSTRAINT "FK_f26efadec3c4c953ab0795960ec"`);
    await queryRunner.query(`ALTER TABLE "policy_question" DROP CONSTRAINT "FK_92a0962af0c863d51bf984269a6"`);
    await queryRunner.query(`ALTER TABLE "policy_delivery" DROP CONSTRAINT "FK_98211e534d810ad0c84b80ba7df"`);
    await queryRunner.query(`ALTER TABLE "policy_delivery" DROP CONSTRAINT "FK_6762f898196744b3f43a51f22b6"`);
    await queryRunner.query(`ALTER TABLE "policy" DROP CONSTRAINT "FK_f684e0854c5af61ef9f71e5a38a"`);
    await queryRunner.query(`ALTER TABLE "policy" DROP CONSTRAINT "FK_048d8e7647327aec0c4d1b14042"`);
    await queryRunner.query(
      `ALTER TABLE "onsite_session_item" DROP CONSTRAINT "FK_f4c0866a479448b1533bef558de"`,
    );
    await queryRunner.query(
      `ALTER TABLE "onsite_session_item" DROP CONSTRAINT "FK_b34266a1564a20c08d4154a94d2"`,
    );
    await queryRunner.query(
      `ALTER TABLE "onsite_session_item" DROP CONSTRAINT "FK_1780c74b6a4ed8ab05b360ecc9f"`,
    );
    await queryRunner.query(`ALTER TABLE "onsite_session" DROP CONSTRAINT "FK_68de563d4268979a97c748590df"`);
    await queryRunner.query(`ALTER TABLE "onsite_session" DROP CONSTRAINT "FK_256b7e7f9202d0851b6ba06095c"`);
    await queryRunner.query(`ALTER TABLE "problem" DROP CONSTRAINT "CHK_ee53f92b5d3b797b7ac66dd43b"`);
    await queryRunner.query(`ALTER TABLE "category" DROP CONSTRAINT "CHK_6cc8025ac3172993e5ad65058b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f26efadec3c4c953ab0795960e"`);
    await queryRunner.query(`DROP TABLE "policy_question"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0cf86f5a3f61fa034cd3c33930"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_7fb0a731fa55f1f19a4c1bece7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_98211e534d810ad0c84b80ba7d"`);
    await queryRunner.query(`DROP TABLE "policy_delivery"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0d3690da1953401e29e491c19f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_547f8469a5494724c88f537c2f"`);
    await queryRunner.query(`DROP TABLE "policy"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0bf146d14c842d2490581e69e0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b34266a1564a20c08d4154a94d"`);
    await queryRunner.query(`DROP TABLE "onsite_session_item"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cbc8bf60886a3d35db9f900bc1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a47d60db4429f61a63375a732e"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_68de563d4268979a97c748590d"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_256b7e7f9202d0851b6ba06095"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_671d3bb6d0590a058af7b9bdf6"`);
    await queryRunner.query(`DROP TABLE "onsite_session"`);
    await queryRunner.query(`UPDATE "problem" SET "kind" = 'request' WHERE "kind" = 'consult'`);
    await queryRunner.query(`UPDATE "category" SET "kind" = 'request' WHERE "kind" = 'consult'`);
    await queryRunner.query(
      `ALTER TABLE "problem" ADD CONSTRAINT "CHK_364d79b2ebb7fa1a5dc81a32cb" CHECK (((kind)::text = ANY ((ARRAY['problem'::character varying, 'request'::character varying, 'assist'::character varying, 'accompany'::character varying, 'proxy'::character varying, 'green'::character varying])::text[])))`,
    );
    await queryRunner.query(
      `ALTER TABLE "category" ADD CONSTRAINT "CHK_9336e3d2dfa8cde095723c7f3b" CHECK (((kind)::text = ANY ((ARRAY['problem'::character varying, 'request'::character varying, 'assist'::character varying, 'accompany'::character varying, 'proxy'::character varying, 'green'::character varying])::text[])))`,
    );
  }
}
