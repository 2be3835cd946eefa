import type { DataSource } from 'typeorm';
import { OnsiteSession, Policy } from '../../entities';
import type { Clock } from '../../lib/clock';
import { addDays, dateOf } from '../../lib/time';
import { OnsiteSessionRepository } from '../../repositories/onsite-session.repository';
import { PolicyRepository } from '../../repositories/policy.repository';
import { sendingTransaction } from '../../outbox/sender';

/**
 * The demo's 送政策 and 现场办公 (on top of the demo roster; does nothing when the roster is not the
 * demo's or when they exist): policy 1 to 雁塔区's firms, queued for `npm run job -- policy-push`,
 * and a session at 秦创智能 tomorrow presided by 梁卫东. Returns what it added.
 */
export async function seedOutreachDemo(ds: DataSource, clock: Clock): Promise<string[]> {
  const added: string[] = [];
  const one = async (sql: string, params: unknown[] = []) =>
    (await ds.query<Record<string, string>[]>(sql, params))[0] ?? null;
  const admin = await one(`SELECT id FROM person WHERE mobile = '13929000002'`);
  const leader = await one(`SELECT id FROM person WHERE mobile = '13929000004'`);
  const yanta = await one(`SELECT id FROM org_unit WHERE name = '雁塔区'`);
  const ndrc = await one(`SELECT id FROM org_unit WHERE name = '市发展和改革委员会'`);
  const zrzy = await one(`SELECT id FROM org_unit WHERE name = '市自然资源和规划局'`);
  const firm = await one(`SELECT id FROM enterprise WHERE credit_code = '91610113MA60000R5H'`);
  if (!admin || !leader || !yanta || !ndrc || !zrzy || !firm) return added;
  const now = clock.now();

  await sendingTransaction(ds, async (em) => {
    if (!(await em.findOne(Policy, { where: { sourceKey: 'demo-policy' } }))) {
      const policy = em.create(Policy, {
        title: '2026年度稳岗补贴申报指引',
        issuer: '市人力资源和社会保障局',
        summary: '按上年度失业保险缴费的一定比例返还，企业在线申报，12月31日截止。',
        link: 'https://example.cn/policies/2026-wengang',
        targetDistrictIds: [yanta.id],
        targetKind: 'enterprise',
        contactUnitId: ndrc.id,
        createdById: admin.id,
        sourceKey: 'demo-policy',
        createdAt: now,
        updatedAt: now,
      });
      await em.save(policy);
      const repo = new PolicyRepository(ds);
      await repo.queueDeliveries(em, policy.id, await repo.targetIds(em, policy), now);
      added.push(`政策 ${policy.number}（雁塔区企业，待 policy-push 推送）`);
    }
    if (!(await em.findOne(OnsiteSession, { where: { sourceKey: 'demo-session' } }))) {
      const session = em.create(OnsiteSession, {
        enterpriseId: firm.id,
        heldOn: addDays(dateOf(now), 1),
        place: '秦创智能三楼会议室',
        presidingId: leader.id,
        invitedUnitIds: [zrzy.id],
        createdById: admin.id,
        sourceKey: 'demo-session',
        createdAt: now,
        updatedAt: now,
      });
      await em.save(session);
      await new OnsiteSessionRepository().attachOpenProblems(em, session.id, firm.id);
      added.push(`现场办公 ${session.number}（秦创智能，${session.heldOn}，梁卫东主持）`);
    }
  });
  return added;
}
