import type { DataSource } from 'typeorm';
import { buildScheduledJobs } from '../../../src/app/scheduled-jobs';
import type { Bot } from '../../../src/bot/bot';
import { GroupChat, PolicyDelivery, Problem } from '../../../src/entities';
import type { ScheduledJobHandler } from '../../../src/jobs/catalogue';
import { type AppHarness, HARNESS_ADMIN_TOKEN } from '../../support/app-harness';
import { botSays, inboundMessage } from '../../support/bot-chat';
import { useBotOnDemoRoster } from '../../support/demo-bot';

/**
 * 送政策到企业 through the bot and the policy-push job, on the demo roster (雁塔区 has seven firms of
 * type 企业: 秦创智能 and 终南光电 have groups, the other five only a cadre). Outbox rows stay pending
 * (no workers); the dispatch outcome is set on them by hand where the reach report reads it.
 * Clock: Monday 2026-11-23 10:00 in Beijing.
 */
let ds: DataSource;
let h: AppHarness;
let bot: Bot;
let push: ScheduledJobHandler;
let seq = 0;

const ADMIN = 'huanglixin'; // 黄立新, 管理员
const CONTACT = 'yaojianguo'; // 姚建国, contact of 秦创智能
const CADRE = 'tianzhenhua'; // 田振华: 秦创智能 (group) and 万年光伏 (no group)
const HANDLER = 'xianglijuan'; // 向丽娟, 市发展和改革委员会 (no unit group)
const ENT_GROUP = 'wrdemo-ent-01'; // 秦创智能

useBotOnDemoRoster(
  { env: { QUALITY_CHECK_RATE: '0' }, beforeEach: () => h.clock.set('2026-11-23T02:00:00Z') },
  (f) => {
    ({ ds, h, bot } = f);
    push = buildScheduledJobs(f.h.container, f.sending).get('policy-push')!;
  },
);

const say = (senderId: string, text: string, chatId: string | null = null): Promise<string> =>
  botSays(ds, bot, inboundMessage(senderId, text, chatId, `pol-${Date.now()}-${++seq}`));

const numberIn = (text: string) => Number(/已发布政策 (\d+)/.exec(text)?.[1]);
const targetedIn = (text: string) => Number(/推送对象(\d+)家/.exec(text)?.[1]);

/** Policy-push rows: [group chat id or user id, channel, text]. */
async function pushed(): Promise<[string, string, string][]> {
  const rows: { channel: string; target: string; payload: { text?: string; markdown?: { text: string } } }[] =
    await ds.query(
      `SELECT channel, target, payload FROM outbound_message WHERE idempotency_key LIKE 'policy-push-%' ORDER BY id`,
    );
  const groups = new Map((await ds.getRepository(GroupChat).find()).map((g) => [g.id, g.chatId]));
  return rows.map((r) => [
    groups.get(r.target) ?? r.target,
    r.channel,
    r.payload.markdown?.text ?? r.payload.text ?? '',
  ]);
}

describe('送政策: targeting', () => {
  it('by district and type, by industry (through the dialogue), and by a list of credit codes', async () => {
    const district = await say(
      ADMIN,
      '发布政策 标题：2026年稳岗补贴申报 范围：雁塔区、企业 咨询单位：市发展和改革委员会 链接：https://example.cn/p/1',
    );
    expect(district).toMatch(/^已发布政策 1《2026年稳岗补贴申报》：推送对象7家企业/);

    expect(await say(ADMIN, '发布政策 集成电路流片补贴')).toMatch(/^推送给哪些企业？/);
    expect(await say(ADMIN, '集成电路')).toMatch(/^企业有疑问时由哪个单位答复？/);
    const industry = await say(ADMIN, '市工业和信息化局');
    expect(targetedIn(industry)).toBe(3); // 长安半导体, 锦业芯片, 高新区集成电路产业园项目

    const list = await say(
      ADMIN,
      '发布政策 标题：专精特新奖励 范围：91610113MA60000R5H、91610103MA600005TE 咨询单位：市工业和信息化局',
    );
    expect(targetedIn(list)).toBe(2);

    const firmsOf = async (n: number) =>
      (
        await ds.query(
          `SELECT e.short_name FROM policy_delivery d JOIN policy p ON p.id = d.policy_id
           JOIN enterprise e ON e.id = d.enterprise_id WHERE p.number = $1 ORDER BY e.short_name`,
          [n],
        )
      ).map((r: { short_name: string }) => r.short_name);
    expect(await firmsOf(numberIn(industry))).toEqual(['集成电路产业园', '锦业芯片', '长安半导体'].sort());
    expect(await firmsOf(numberIn(list))).toEqual(['秦创智能', '长安半导体'].sort());
  });

  it('refuses a scope word that is no district, industry or code, and a firm contact publishing', async () => {
    expect(await say(ADMIN, '发布政策 标题：某政策 范围：火星区 咨询单位：市工业和信息化局')).toContain(
      '推送范围里的“火星区”不是区县、行业或统一社会信用代码',
    );
    expect(await say(CONTACT, '发布政策 标题：某政策 范围：全部 咨询单位：市工业和信息化局')).toBe(
      '“发布政策”只有办理人或管理员可以使用。发送“帮助”查看您可以使用的命令。',
    );
    expect(await ds.query(`SELECT count(*)::int AS n FROM policy`)).toEqual([{ n: 0 }]);
  });
});

describe('送政策: delivery, receipts, questions and reach', () => {
  it('merges the day’s policies per group, goes through the cadre without a group, and reports the reach', async () => {
    // 芙蓉酒店 loses its cadre: no group and nobody to pass the policy on.
    await ds.query(
      `UPDATE pairing SET ended_at = now() WHERE enterprise_id = (SELECT id FROM enterprise WHERE short_name = '芙蓉酒店')`,
    );
    const first = await say(
      ADMIN,
      '发布政策 标题：2026年稳岗补贴申报 发文单位：市人社局 摘要：按上年社保缴费返还 范围：雁塔区、企业 咨询单位：市发展和改革委员会 链接：https://example.cn/p/1',
    );
    const second = await say(
      ADMIN,
      '发布政策 标题：专精特新奖励 范围：91610113MA60000R5H 咨询单位：市工业和信息化局',
    );
    expect([numberIn(first), numberIn(second)]).toEqual([1, 2]);

    const run = await push(new Date('2026-11-23T07:00:00Z'));
    expect(run.sent).toBe(6); // 2 groups + 4 cadres (one per firm without a group)
    const rows = await pushed();
    const toQinchuang = rows.filter(([t]) => t === ENT_GROUP);
    expect(toQinchuang).toHaveLength(1); // both policies in one message
    expect(toQinchuang[0][2]).toContain('[2026年稳岗补贴申报](https://example.cn/p/1)');
    expect(toQinchuang[0][2]).toContain('专精特新奖励');
    expect(rows.filter(([t]) => t === 'wrdemo-ent-08')).toHaveLength(1); // 终南光电
    const toCadre = rows.filter(([t]) => t === CADRE);
    expect(toCadre).toHaveLength(1);
    expect(toCadre[0][2]).toMatch(/^请将以下政策转达给西安万年光伏科技有限公司（该企业尚无企业群）/);
    const noChannel = await ds.getRepository(PolicyDelivery).countBy({ status: 'no_channel' });
    expect(noChannel).toBe(1);

    // A second run sends nothing new.
    expect((await push(new Date('2026-11-23T07:00:00Z'))).sent).toBe(0);
    expect((await push(new Date('2026-11-23T07:30:00Z'))).sent).toBe(0);

    // 已阅 from the firm's group, once.
    expect(await say(CONTACT, '@助企机器人 已阅 1', ENT_GROUP)).toBe(
      '已记录：贵企业已阅政策 1《2026年稳岗补贴申报》。如有疑问可发送“咨询 1 问题”。',
    );
    expect(await say(CONTACT, '已阅 1', ENT_GROUP)).toBe(
      '已记录过：贵企业已阅政策 1《2026年稳岗补贴申报》。',
    );

    // The cadre sees which firms have not acknowledged.
    const mine = await say(CADRE, '我的企业');
    expect(mine).toContain('未确认已阅的政策：');
    expect(mine).toContain('秦创智能（政策 2）'.replace('秦创智能', '西安秦创智能装备有限公司'));
    expect(mine).toContain('西安万年光伏科技有限公司（政策 1）');

    // 咨询 opens a problem of kind 咨询 at the contact unit with its own limit (3 working days).
    const asked = await say(CONTACT, '@助企机器人 咨询 1 申报需要哪些材料？', ENT_GROUP);
    const code = /W\d{8}-\d{4}/.exec(asked)?.[0] ?? '';
    expect(asked).toBe(
      `已收到您对政策 1 的咨询（${code}），已转市发展和改革委员会，11月26日（周四）前答复。可发送“查看 ${code}”了解进展。`,
    );
    const problem = await ds.getRepository(Problem).findOneByOrFail({ code });
    expect([problem.kind, problem.status, problem.dueOn]).toEqual(['consult', 'assigned', '2026-11-26']);
    const toHandler = await ds.query(
      `SELECT count(*)::int AS n FROM outbound_message WHERE target = $1 AND idempotency_key LIKE 'evt-%'`,
      [HANDLER],
    );
    expect(toHandler).toEqual([{ n: 1 }]);

    // Answered through the ledger.
    expect(await say(HANDLER, `受理 ${code}`)).toContain(`已受理 ${code}`);
    expect(await say(HANDLER, `答复 ${code} 需营业执照和社保缴费证明`)).toBe(
      `已答复 ${code}，已请企业评价。`,
    );

    // Dispatch outcomes: everything sent except 终南光电's group.
    await ds.query(`UPDATE outbound_message SET status = 'sent' WHERE idempotency_key LIKE 'policy-push-%'`);
    const ent08 = await ds.getRepository(GroupChat).findOneByOrFail({ chatId: 'wrdemo-ent-08' });
    await ds.query(
      `UPDATE outbound_message SET status = 'failed' WHERE idempotency_key LIKE 'policy-push-%' AND target = $1`,
      [ent08.id],
    );
    expect(await say(ADMIN, '政策 1')).toBe(
      [
        '政策 1《2026年稳岗补贴申报》（市人社局，11月23日（周一）发布）',
        '推送对象7家：已送达5，送达失败2；已阅1。',
        '咨询1件，已答复1件。',
      ].join('\n'),
    );
    expect(await say(CONTACT, '政策 1', ENT_GROUP)).toContain('只有');

    // The JSON API says the same.
    const api = (path: string, token: string | null = HARNESS_ADMIN_TOKEN) =>
      fetch(`${h.base}/api${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    const list = (await (await api('/policies?from=2026-11-23&to=2026-11-23')).json()) as {
      total: number;
      items: Record<string, unknown>[];
    };
    expect(list.total).toBe(2);
    expect(list.items[1]).toMatchObject({
      number: 1,
      title: '2026年稳岗补贴申报',
      link: 'https://example.cn/p/1',
      targeting: {
        all: false,
        districts: [{ name: '雁塔区' }],
        industries: [],
        kind: 'enterprise',
        creditCodes: [],
      },
      contactUnit: { name: '市发展和改革委员会' },
      createdAt: '2026-11-23T10:00:00.000+08:00',
      reach: { targeted: 7, queued: 0, delivered: 5, failed: 2, acknowledged: 1, questions: 1, answered: 1 },
    });
    const one = (await (await api('/policies/1')).json()) as {
      deliveries: { enterprise: { name: string } }[];
    };
    expect(one.deliveries).toHaveLength(7);
    expect(one.deliveries.find((d) => d.enterprise.name === '西安秦创智能装备有限公司')).toMatchObject({
      status: 'delivered',
      via: 'group',
      acknowledgedAt: '2026-11-23T10:00:00.000+08:00',
    });
    expect((await api('/policies/9')).status).toBe(404);
    expect((await api('/policies/abc')).status).toBe(400);
    expect((await api('/policies?from=2026-13-01')).status).toBe(400);
    expect((await api('/policies', null)).status).toBe(401);
  });

  it('answers a firm that got no policy, and a 咨询 without a question', async () => {
    expect(await say(CONTACT, '已阅', ENT_GROUP)).toBe('贵企业还没有收到推送的政策。');
    expect(await say(CONTACT, '咨询', ENT_GROUP)).toContain('请补充咨询的问题');
  });
});
