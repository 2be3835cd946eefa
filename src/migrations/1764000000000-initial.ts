import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The whole domain model: roster, pairings, visits, the problem ledger, ratings, chats, messages, jobs. */
export class Initial1764000000000 implements MigrationInterface {
  name = 'Initial1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "org_unit" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "kind" character varying(16) NOT NULL, "parent_id" uuid, CONSTRAINT "CHK_53ca6b7a276edd79d5e8b9ef8d" CHECK ("kind" IN ('district', 'zone', 'department', 'handling')), CONSTRAINT "PK_ba1c59043dc14bb66023c1d07c7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_f86a5fc71d7f37a488d8741165" ON "org_unit"  ("name") `);
    await queryRunner.query(`CREATE INDEX "IDX_b8e4301109a2850200ba2c7c51" ON "org_unit"  ("parent_id") `);
    await queryRunner.query(
      `CREATE TABLE "enterprise" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "short_name" character varying(50), "credit_code" character(18) NOT NULL, "district_id" uuid NOT NULL, "industry" character varying(50), "kind" character varying(16) NOT NULL DEFAULT 'enterprise', "active" boolean NOT NULL DEFAULT true, CONSTRAINT "CHK_c7c47ea66bb24e90bd2cc36fc7" CHECK ("kind" IN ('enterprise', 'project')), CONSTRAINT "PK_09687cd306dc5d486c0e227c471" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_9cb1264e50e7d3b48229da3bed" ON "enterprise"  ("name") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_95895967c00ece7a8dec9d99e6" ON "enterprise"  ("credit_code") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_155e71ec07947f9872d3b983ca" ON "enterprise"  ("district_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "person" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(50) NOT NULL, "mobile" character varying(11) NOT NULL, "unit_id" uuid, "roles" character varying array NOT NULL, "wecom_user_id" character varying(64), "dingtalk_user_id" character varying(64), "enterprise_id" uuid, "active" boolean NOT NULL DEFAULT true, "leave_from" date, "leave_to" date, CONSTRAINT "CHK_8991e2fa60a64eb3d928afa523" CHECK ("roles" <@ ARRAY['cadre','handler','leader','admin','contact']::varchar[] AND cardinality("roles") > 0), CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_9579abdf057a27d200646b9df2" ON "person"  ("mobile") `);
    await queryRunner.query(`CREATE INDEX "IDX_1ccc95c9861eb01e5303cf22e3" ON "person"  ("unit_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_0456f726ce9621124c912227de" ON "person"  ("wecom_user_id") WHERE "wecom_user_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_965b23ac15a451db838721408b" ON "person"  ("dingtalk_user_id") WHERE "dingtalk_user_id" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_df3dbf14454679575cf6d7a4b4" ON "person"  ("enterprise_id") `);
    await queryRunner.query(
      `CREATE TABLE "account_binding" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "platform" character varying(16) NOT NULL, "external_user_id" character varying(128) NOT NULL, "person_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_9679e4fce0e3537082009b9793" CHECK ("platform" IN ('wecom', 'dingtalk')), CONSTRAINT "PK_5c7f03b167a9c0409a339654f97" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_528e9282ee37fdd893ea58b51e" ON "account_binding"  ("person_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_bfa4246c174a0a23e9569706db" ON "account_binding"  ("platform", "external_user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "category" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(50) NOT NULL, "kind" character varying(16) NOT NULL DEFAULT 'problem', "lead_unit_id" uuid NOT NULL, "time_limit_days" integer NOT NULL, "keywords" character varying array NOT NULL DEFAULT '{}', "active" boolean NOT NULL DEFAULT true, CONSTRAINT "CHK_eb68f24b7410b422540fac8362" CHECK ("time_limit_days" > 0), CONSTRAINT "CHK_9336e3d2dfa8cde095723c7f3b" CHECK ("kind" IN ('problem', 'request', 'assist', 'accompany', 'proxy', 'green')), CONSTRAINT "PK_9c4e4a89e3674fc9f382d733f03" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_23c05c292c439d77b0de816b50" ON "category"  ("name") `);
    await queryRunner.query(`CREATE INDEX "IDX_6ad3e35850bd8427782adc90ab" ON "category"  ("lead_unit_id") `);
    await queryRunner.query(
      `CREATE TABLE "pairing" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cadre_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "end_reason" character varying(32), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c3c0ac8fe888bef766c3366e36b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_cd08c49f26cbf3dd9d464a259b" ON "pairing"  ("enterprise_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_9da30099f60905313f0b8e6236" ON "pairing"  ("cadre_id", "ended_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_pairing_open_enterprise" ON "pairing"  ("enterprise_id") WHERE "ended_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "visit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "cadre_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "pairing_id" uuid, "visited_on" date NOT NULL, "method" character varying(16) NOT NULL, "summary" text NOT NULL DEFAULT '', "confirmed_at" TIMESTAMP WITH TIME ZONE, "confirmed_by_id" uuid, "source_key" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_4feabd58c6d4d38ce340fc91e8" CHECK ("method" IN ('onsite', 'phone', 'video', 'meeting')), CONSTRAINT "PK_c9919ef5a07627657c535d8eb88" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_07115be9d38f275605a7045523" ON "visit"  ("pairing_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_25a76c4e4c4e7f8a72b2dc8eaf" ON "visit"  ("source_key") WHERE "source_key" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_64f1189c88ef9a1650fbc14a32" ON "visit"  ("visited_on") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_df67131f2864de84cbd730fb9b" ON "visit"  ("cadre_id", "visited_on") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_a3607c397efa04531dadf750e1" ON "visit"  ("enterprise_id", "visited_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "problem" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(20) NOT NULL, "kind" character varying(16) NOT NULL DEFAULT 'problem', "category_id" uuid, "enterprise_id" uuid NOT NULL, "reporter_id" uuid NOT NULL, "cadre_id" uuid, "visit_id" uuid, "description" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "lead_unit_id" uuid, "handler_id" uuid, "assigned_at" TIMESTAMP WITH TIME ZONE, "due_on" date, "extension_days" integer NOT NULL DEFAULT '0', "return_count" integer NOT NULL DEFAULT '0', "redo_count" integer NOT NULL DEFAULT '0', "accepted_at" TIMESTAMP WITH TIME ZONE, "resolution" text, "answered_at" TIMESTAMP WITH TIME ZONE, "delivered_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "closed_by_id" uuid, "rating" character varying(16), "withdrawn_at" TIMESTAMP WITH TIME ZONE, "flagged" boolean NOT NULL DEFAULT false, "source_key" character varying(200), CONSTRAINT "CHK_0debb82cb3ebe13175a1789760" CHECK ("return_count" >= 0 AND "redo_count" >= 0 AND "extension_days" >= 0), CONSTRAINT "CHK_109c6ae40c56042915e1ed4099" CHECK ("rating" IS NULL OR "rating" IN ('satisfied', 'basic', 'unsatisfied')), CONSTRAINT "CHK_dfb8b37047ff637160e5e26b11" CHECK ("status" IN ('pending', 'assigned', 'accepted', 'answered', 'closed', 'withdrawn')), CONSTRAINT "CHK_364d79b2ebb7fa1a5dc81a32cb" CHECK ("kind" IN ('problem', 'request', 'assist', 'accompany', 'proxy', 'green')), CONSTRAINT "PK_119b5ca6f3371465bf1f0f90219" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_994a0fefce469178fb21ddc951" ON "problem"  ("code") `);
    await queryRunner.query(`CREATE INDEX "IDX_bcfdeeda544c3f30e16b53dabe" ON "problem"  ("category_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_6c34b1b8b29d5c05270cc0c3cb" ON "problem"  ("cadre_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_f4ba143bd73a8b1caff15c2dff" ON "problem"  ("source_key") WHERE "source_key" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_67f2fc18b61e8b7fff7b208bda" ON "problem"  ("created_at") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_71d410d9cd8f93bad55f988f2f" ON "problem"  ("enterprise_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_b3f1779bab0bb32a73351c1718" ON "problem"  ("lead_unit_id", "status") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_0227eb2fcacb9281d817562762" ON "problem"  ("status", "due_on") `,
    );
    await queryRunner.query(
      `CREATE TABLE "extension_request" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "problem_id" uuid NOT NULL, "requested_by_id" uuid NOT NULL, "days" integer NOT NULL, "reason" text NOT NULL DEFAULT '', "status" character varying(16) NOT NULL DEFAULT 'pending', "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_81c0bba1c3f6248ac1e9a4d638" CHECK ("days" > 0), CONSTRAINT "CHK_a84b86cd8d52a73a138dc29212" CHECK ("status" IN ('pending', 'approved', 'refused')), CONSTRAINT "PK_fa783aff51254a4e5739909d199" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_c06f94697c47d221ef97fbe6a1" ON "extension_request"  ("problem_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_extension_pending" ON "extension_request"  ("problem_id") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE TABLE "group_chat" ("created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "id" uuid NOT NULL DEFAULT gen_random_uuid(), "platform" character varying(16) NOT NULL, "chat_id" character varying(128) NOT NULL, "purpose" character varying(16) NOT NULL, "enterprise_id" uuid, "unit_id" uuid, "webhook_url" text, "webhook_secret" text, CONSTRAINT "CHK_02ec4212da6e89f3e20521639c" CHECK (("purpose" = 'enterprise') = ("enterprise_id" IS NOT NULL)), CONSTRAINT "CHK_74e6b69439c71822d77364609f" CHECK ("purpose" IN ('enterprise', 'unit', 'district', 'leaders')), CONSTRAINT "CHK_8bfc39ef06aaaec2a075cf7c53" CHECK ("platform" IN ('wecom', 'dingtalk')), CONSTRAINT "PK_a8789ac3c3d35b199a2b9e9b9c1" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_3e9a7feb4ab58391c0018ffb5a" ON "group_chat"  ("enterprise_id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_cf10195e5067233ee509585aa7" ON "group_chat"  ("unit_id") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_240a03e6aa629d72ee9807df18" ON "group_chat"  ("platform", "chat_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "holiday" ("date" date NOT NULL, "kind" character varying(8) NOT NULL, "name" character varying(50) NOT NULL DEFAULT '', CONSTRAINT "CHK_c9c4056c80ec7d6dfcf2176bb1" CHECK ("kind" IN ('off', 'work')), CONSTRAINT "PK_89b26e4ed3db8895b86c8df55e8" PRIMARY KEY ("date"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "inbound_message" ("id" BIGSERIAL NOT NULL, "platform" character varying(16) NOT NULL, "message_id" character varying(200) NOT NULL, "payload" jsonb NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "enqueued_at" TIMESTAMP WITH TIME ZONE, "handled_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "CHK_0506cea7a4874acd8a8ce4411c" CHECK ("platform" IN ('wecom', 'wecom_bot', 'dingtalk')), CONSTRAINT "PK_a013d32c89ba79e84f4d371bd1b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_inbound_unhandled" ON "inbound_message"  ("received_at") WHERE "handled_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_1c2c9eb5e461682e83efd87c5f" ON "inbound_message"  ("platform", "message_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "job_run" ("id" BIGSERIAL NOT NULL, "job" character varying(64) NOT NULL, "period" character varying(32) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "messages" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_96fe0b041b8bc157dcec25bd8ef" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_b4e3f1665d2c056abaadc71120" ON "job_run"  ("job", "period") `,
    );
    await queryRunner.query(
      `CREATE TABLE "outbound_message" ("id" BIGSERIAL NOT NULL, "idempotency_key" character varying(300) NOT NULL, "channel" character varying(32) NOT NULL, "target" character varying(300) NOT NULL, "payload" jsonb NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_9eec37554c6ee533dd7d96475d" CHECK ("status" IN ('pending', 'sent', 'failed')), CONSTRAINT "PK_53741fe5d4d5e2cb54dc4a5f446" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_43fb4a608127adaba87f86ef74" ON "outbound_message"  ("idempotency_key") `,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_outbound_pending" ON "outbound_message"  ("created_at") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE TABLE "problem_co_unit" ("problem_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_31f92a2fbc8334997a816a7f77d" PRIMARY KEY ("problem_id", "unit_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "problem_event" ("id" BIGSERIAL NOT NULL, "problem_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_id" uuid, "action" character varying(32) NOT NULL, "from_status" character varying(16), "to_status" character varying(16), "note" text NOT NULL DEFAULT '', "idempotency_key" character varying(200), CONSTRAINT "PK_87095cdc138162c0ffdf0bf3cde" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_3f0c5d9d0bc83d4303a7a388ae" ON "problem_event"  ("idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_4a17d9c20a7aa087b90f91e963" ON "problem_event"  ("problem_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "quality_check" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "problem_id" uuid NOT NULL, "contact_id" uuid NOT NULL, "checked_status" character varying(16) NOT NULL, "asked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "solved" boolean, "answer" text NOT NULL DEFAULT '', "answered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_46244a39dc1749e2ba591574d16" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_3808fac499ff10bbae64e191ac" ON "quality_check"  ("problem_id") `,
    );
    await queryRunner.query(`CREATE TABLE "rating" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subject" character varying(8) NOT NULL, "enterprise_id" uuid NOT NULL, "rater_id" uuid NOT NULL, "cadre_id" uuid, "unit_id" uuid, "problem_id" uuid, "period" character varying(7), "score" smallint, "verdict" character varying(16), "comment" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_01152b26ea8de3a310634035d8" CHECK (("subject" = 'cadre' AND "cadre_id" IS NOT NULL AND "score" IS NOT NULL AND "period" IS NOT NULL)
     OR ("subject" = 'unit' AND "problem_id" IS NOT NULL AND "verdict" IS NOT NULL)), CONSTRAINT "CHK_952c4fac770912bca0bf3df44b" CHECK ("verdict" IS NULL OR "verdict" IN ('satisfied', 'basic', 'unsatisfied')), CONSTRAINT "CHK_57692ca071a1a9fb9e48a26ac0" CHECK ("score" IS NULL OR "score" BETWEEN 1 AND 5), CONSTRAINT "CHK_39e1320dc28d5ee7a0d3b3c2bc" CHECK ("subject" IN ('cadre', 'unit')), CONSTRAINT "PK_ecda8ad32645327e4765b43649e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_0ac17ea5348f5caaf474b06a05" ON "rating"  ("problem_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_af9e8eaa3dafcf95732589dda0" ON "rating"  ("unit_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_rating_cadre_period" ON "rating"  ("enterprise_id", "cadre_id", "period") WHERE "subject" = 'cadre'`,
    );
    await queryRunner.query(
      `ALTER TABLE "org_unit" ADD CONSTRAINT "FK_b8e4301109a2850200ba2c7c512" FOREIGN KEY ("parent_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "enterprise" ADD CONSTRAINT "FK_155e71ec07947f9872d3b983cae" FOREIGN KEY ("district_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "FK_1ccc95c9861eb01e5303cf22e34" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "person" ADD CONSTRAINT "FK_df3dbf14454679575cf6d7a4b48" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "account_binding" ADD CONSTRAINT "FK_528e9282ee37fdd893ea58b51e1" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "category" ADD CONSTRAINT "FK_6ad3e35850bd8427782adc90ab4" FOREIGN KEY ("lead_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pairing" ADD CONSTRAINT "FK_92168bbd9cd78f9a711154272fd" FOREIGN KEY ("cadre_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pairing" ADD CONSTRAINT "FK_cd08c49f26cbf3dd9d464a259bf" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "visit" ADD CONSTRAINT "FK_f8c301da2f6bbf79fd4bb8f1f2d" FOREIGN KEY ("cadre_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "visit" ADD CONSTRAINT "FK_1e40e04d73f321dff6f45ab99b5" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "visit" ADD CONSTRAINT "FK_07115be9d38f275605a7045523f" FOREIGN KEY ("pairing_id") REFERENCES "pairing"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "problem" ADD CONSTRAINT "FK_bcfdeeda544c3f30e16b53dabe6" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "problem" ADD CONSTRAINT "FK_2ee7f4a1f2b3a2cc6022e8fe545" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "problem" ADD CONSTRAINT "FK_f5e252e3b9cd9298f1bd7ad387e" FOREIGN KEY ("reporter_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "problem" ADD CONSTRAINT "FK_23382806b8920b5dbd129e8a48a" FOREIGN KEY ("visit_id") REFERENCES "visit"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "problem" ADD CONSTRAINT "FK_b32c4dcc64d3a807f092852cc2d" FOREIGN KEY ("lead_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "extension_request" ADD CONSTRAINT "FK_c06f94697c47d221ef97fbe6a1c" FOREIGN KEY ("problem_id") REFERENCES "problem"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "extension_request" ADD CONSTRAINT "FK_cc3073c3b3ba8bea8c0433d6fc7" FOREIGN KEY ("requested_by_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "group_chat" ADD CONSTRAINT "FK_3e9a7feb4ab58391c0018ffb5a0" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "group_chat" ADD CONSTRAINT "FK_cf10195e5067233ee509585aa70" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "problem_co_unit" ADD CONSTRAINT "FK_599bb1a4062e0a77a38a7f6b6b2" FOREIGN KEY ("problem_id") REFERENCES "problem"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "problem_co_unit" ADD CONSTRAINT "FK_9ecf2b3dabb95ee6abb66f405d1" FOREIGN KEY ("unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "problem_event" ADD CONSTRAINT "FK_e7631314651648b265d565f03b2" FOREIGN KEY ("problem_id") REFERENCES "problem"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "problem_event" ADD CONSTRAINT "FK_507dde85a8014dab9363f6cd97c" FOREIGN KEY ("actor_id") REFERENCES "person"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "quality_check" ADD CONSTRAINT "FK_3808fac499ff10bbae64e191ac4" FOREIGN KEY ("problem_id") REFERENCES "problem"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "quality_check" ADD CONSTRAINT "FK_4749744c258ca3faef838cfe5e9" FOREIGN KEY ("contact_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "rating" ADD CONSTRAINT "FK_6edd2a60d97c6ac9a6f1c22b127" FOREIGN KEY ("enterprise_id") REFERENCES "enterprise"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "rating" ADD CONSTRAINT "FK_2f36180c313f672d99a14b71049" FOREIGN KEY ("rater_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rating" DROP CONSTRAINT "FK_2f36180c313f672d99a14b71049"`);
    await queryRunner.query(`ALTER TABLE "rating" DROP CONSTRAINT "FK_6edd2a60d97c6ac9a6f1c22b127"`);
    await queryRunner.query(`ALTER TABLE "quality_check" DROP CONSTRAINT "FK_4749744c258ca3faef838cfe5e9"`);
    await queryRunner.query(`ALTER TABLE "quality_check" DROP CONSTRAINT "FK_3808fac499ff10bbae64e191ac4"`);
    await queryRunner.query(`ALTER TABLE "problem_event" DROP CONSTRAINT "FK_507dde85a8014dab9363f6cd97c"`);
    await queryRunner.query(`ALTER TABLE "problem_event" DROP CONSTRAINT "FK_e7631314651648b265d565f03b2"`);
    await queryRunner.query(`ALTER TABLE "problem_co_unit" DROP CONSTRAINT "FK_9ecf2b3dabb95ee6abb66f405d1"`);
    await queryRunner.query(`ALTER TABLE "problem_co_unit" DROP CONSTRAINT "FK_599bb1a4062e0a77a38a7f6b6b2"`);
    await queryRunner.query(`ALTER TABLE "group_chat" DROP CONSTRAINT "FK_cf10195e5067233ee509585aa70"`);
    await queryRunner.query(`ALTER TABLE "group_chat" DROP CONSTRAINT "FK_3e9a7feb4ab58391c0018ffb5a0"`);
    await queryRunner.query(
      `ALTER TABLE "extension_request" DROP CONSTRAINT "FK_cc3073c3b3ba8bea8c0433d6fc7"`,
    );
    await queryRunner.query(
      `ALTER TABLE "extension_request" DROP CONSTRAINT "FK_c06f94697c47d221ef97fbe6a1c"`,
    );
    await queryRunner.query(`ALTER TABLE "problem" DROP CONSTRAINT "FK_b32c4dcc64d3a807f092852cc2d"`);
    await queryRunner.query(`ALTER TABLE "problem" DROP CONSTRAINT "FK_23382806b8920b5dbd129e8a48a"`);
    await queryRunner.query(`ALTER TABLE "problem" DROP CONSTRAINT "FK_f5e252e3b9cd9298f1bd7ad387e"`);
    await queryRunner.query(`ALTER TABLE "problem" DROP CONSTRAINT "FK_2ee7f4a1f2b3a2cc6022e8fe545"`);
    await queryRunner.query(`ALTER TABLE "problem" DROP CONSTRAINT "FK_bcfdeeda544c3f30e16b53dabe6"`);
    await queryRunner.query(`ALTER TABLE "visit" DROP CONSTRAINT "FK_07115be9d38f275605a7045523f"`);
    await queryRunner.query(`ALTER TABLE "visit" DROP CONSTRAINT "FK_1e40e04d73f321dff6f45ab99b5"`);
    await queryRunner.query(`ALTER TABLE "visit" DROP CONSTRAINT "FK_f8c301da2f6bbf79fd4bb8f1f2d"`);
    await queryRunner.query(`ALTER TABLE "pairing" DROP CONSTRAINT "FK_cd08c49f26cbf3dd9d464a259bf"`);
    await queryRunner.query(`ALTER TABLE "pairing" DROP CONSTRAINT "FK_92168bbd9cd78f9a711154272fd"`);
    await queryRunner.query(`ALTER TABLE "category" DROP CONSTRAINT "FK_6ad3e35850bd8427782adc90ab4"`);
    await queryRunner.query(`ALTER TABLE "account_binding" DROP CONSTRAINT "FK_528e9282ee37fdd893ea58b51e1"`);
    await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "FK_df3dbf14454679575cf6d7a4b48"`);
    await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "FK_1ccc95c9861eb01e5303cf22e34"`);
    await queryRunner.query(`ALTER TABLE "enterprise" DROP CONSTRAINT "FK_155e71ec07947f9872d3b983cae"`);
    await queryRunner.query(`ALTER TABLE "org_unit" DROP CONSTRAINT "FK_b8e4301109a2850200ba2c7c512"`);
    await queryRunner.query(`DROP INDEX "public"."uq_rating_cadre_period"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_af9e8eaa3dafcf95732589dda0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0ac17ea5348f5caaf474b06a05"`);
    await queryRunner.query(`DROP TABLE "rating"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3808fac499ff10bbae64e191ac"`);
    await queryRunner.query(`DROP TABLE "quality_check"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_4a17d9c20a7aa087b90f91e963"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3f0c5d9d0bc83d4303a7a388ae"`);
    await queryRunner.query(`DROP TABLE "problem_event"`);
    await queryRunner.query(`DROP TABLE "problem_co_unit"`);
    await queryRunner.query(`DROP INDEX "public"."ix_outbound_pending"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_43fb4a608127adaba87f86ef74"`);
    await queryRunner.query(`DROP TABLE "outbound_message"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b4e3f1665d2c056abaadc71120"`);
    await queryRunner.query(`DROP TABLE "job_run"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1c2c9eb5e461682e83efd87c5f"`);
    await queryRunner.query(`DROP INDEX "public"."ix_inbound_unhandled"`);
    await queryRunner.query(`DROP TABLE "inbound_message"`);
    await queryRunner.query(`DROP TABLE "holiday"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_240a03e6aa629d72ee9807df18"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cf10195e5067233ee509585aa7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3e9a7feb4ab58391c0018ffb5a"`);
    await queryRunner.query(`DROP TABLE "group_chat"`);
    await queryRunner.query(`DROP INDEX "public"."uq_extension_pending"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_c06f94697c47d221ef97fbe6a1"`);
    await queryRunner.query(`DROP TABLE "extension_request"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0227eb2fcacb9281d817562762"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b3f1779bab0bb32a73351c1718"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_71d410d9cd8f93bad55f988f2f"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_67f2fc18b61e8b7fff7b208bda"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f4ba143bd73a8b1caff15c2dff"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6c34b1b8b29d5c05270cc0c3cb"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bcfdeeda544c3f30e16b53dabe"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_994a0fefce469178fb21ddc951"`);
    await queryRunner.query(`DROP TABLE "problem"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a3607c397efa04531dadf750e1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_df67131f2864de84cbd730fb9b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_64f1189c88ef9a1650fbc14a32"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_25a76c4e4c4e7f8a72b2dc8eaf"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_07115be9d38f275605a7045523"`);
    await queryRunner.query(`DROP TABLE "visit"`);
    await queryRunner.query(`DROP INDEX "public"."uq_pairing_open_enterprise"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9da30099f60905313f0b8e6236"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cd08c49f26cbf3dd9d464a259b"`);
    await queryRunner.query(`DROP TABLE "pairing"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_6ad3e35850bd8427782adc90ab"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_23c05c292c439d77b0de816b50"`);
    await queryRunner.query(`DROP TABLE "category"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_bfa4246c174a0a23e9569706db"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_528e9282ee37fdd893ea58b51e"`);
    await queryRunner.query(`DROP TABLE "account_binding"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_df3dbf14454679575cf6d7a4b4"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_965b23ac15a451db838721408b"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_0456f726ce9621124c912227de"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_1ccc95c9861eb01e5303cf22e3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9579abdf057a27d200646b9df2"`);
    await queryRunner.query(`DROP TABLE "person"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_155e71ec07947f9872d3b983ca"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_95895967c00ece7a8dec9d99e6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9cb1264e50e7d3b48229da3bed"`);
    await queryRunner.query(`DROP TABLE "enterprise"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b8e4301109a2850200ba2c7c51"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_f86a5fc71d7f37a488d8741165"`);
    await queryRunner.query(`DROP TABLE "org_unit"`);
  }
}
