import type { DataSource } from 'typeorm';
import { buildScheduledJobs } from '../../../src/app/scheduled-jobs';
import type { Bot } from '../../../src/bot/bot';
import { GroupChat, OnsiteSessionItem, Problem, ProblemEvent } from '../../../src/entities';
import type { ScheduledJobHandler } from '../../../src/jobs/catalogue';
import { type AppHarness, HARNESS_ADMIN_TOKEN } from '../../support/app-harness';
import { botSays, inboundMessage } from '../../support/bot-chat';
import { useBotOnDemoRoster } from '../../support/demo-bot';

/**
 * 局长现场办公 through the bot and the session-reminders job on the demo roster: 梁卫东 (雁塔区 领导)
 * holds a session at 秦创智能 on Wednesday 2026-11-25 with its three open problems on the agenda.
 * Clock: Monday 2026-11-23 10:00 in Beijing, moved to the day before and the day.
 */
let ds: DataSource;
let h: AppHarness;
let bot: Bot;
let remind: ScheduledJobHandler;
let seq = 0;

const LEADER = 'liangweidong'; // 梁卫东, 领导 of 雁塔区
const OTHER_LEADER = 'dengwanqing'; // 邓婉清, 领导 of 高新区
const CONTACT = 'yaojianguo'; // 姚建国, contact of 秦创智能
const ENT_GROUP = 'wrdemo-ent-01';

useBotOnDemoRoster(
  { env: { QUALITY_CHECK_RATE: '0' }, beforeEach: () => h.clock.set('2026-11-23T02:00:00Z') },
  (f) => {
    ({ ds, h, bot } = f);
    remind = buildScheduledJobs(f.h.container, f.sending).get('session-reminders')!;
  },
);

const say = (senderId: string, text: string, chatId: string | null = null, id?: string): Promise<string> =>
  botSays(ds, bot, inboundMessage(senderId, text, chatId, id ?? `ses-${Date.now()}-${++seq}`));

/** Session messages by key part (notice / reminder / minutes): the chat ids or user ids they went to. */
async function sentTo(like: string): Promise<string[]> {
  const rows: { target: string }[] = await ds.query(
    `SELECT target FROM outbound_message WHERE idempotency_key LIKE $1 ORDER BY target`,
    [like],
  );
  const groups = new Map((await ds.getRepository(GroupChat).find()).map((g) => [g.id, g.chatId]));
  return rows.map((r) => groups.get(r.target) ?? r.target).sort();
}

const codeIn = (text: string) => /W\d{8}-\d{4}/.exec(text)?.[0] ?? '';

describe('现场办公', () => {
  it('schedules, reminds the day before, records outcomes through the ledger and sends the minutes once', async () => {
    const p1 = codeIn(await say(CONTACT, '上报问题 厂房规划许可迟迟未批', ENT_GROUP));
    const p2 = codeIn(await say(CONTACT, '上报问题 园区门前道路供水管网未接通', ENT_GROUP));
    const p3 = codeIn(await say(CONTACT, '上报问题 厂区用地需要调整容积率', ENT_GROUP));
    expect([p1, p2, p3]).toEqual(['W20261123-0001', 'W20261123-0002', 'W20261123-0003']);

    const scheduled = await say(
      LEADER,
      '现场办公 秦创智能 11月25日 地点：企业三楼会议室 邀请：市自然资源和规划局、市住房和城乡建设局',
    );
    expect(scheduled).toBe(
      '已安排现场办公 1：西安秦创智能装备有限公司，11月25日（周三）在企业三楼会议室，梁卫东主持，邀请市住房和城乡建设局、市自然资源和规划局。议题：该企业在办问题3个。已通知企业群和邀请单位，前一天会再提醒。',
    );
    expect(await sentTo('session-%-notice%')).toEqual(
      [ENT_GROUP, 'wrdemo-unit-zjj', 'wrdemo-unit-zrzy'].sort(),
    );

    // Two days before: nothing. The day before (16:00): the firm, the units and the leader; once.
    expect((await remind(new Date('2026-11-23T08:00:00Z'))).sent).toBe(0);
    expect((await remind(new Date('2026-11-24T08:00:00Z'))).sent).toBe(4);
    expect((await remind(new Date('2026-11-24T08:00:00Z'))).sent).toBe(0);
    expect(await sentTo('session-reminders-%')).toEqual(
      [ENT_GROUP, LEADER, 'wrdemo-unit-zjj', 'wrdemo-unit-zrzy'].sort(),
    );

    // On the day.
    h.clock.set('2026-11-25T02:00:00Z');
    expect(await say(OTHER_LEADER, `现场解决 ${p1}`)).toBe(
      '现场办公 1 由其他领导主持，只有主持领导或管理员可以记录。',
    );
    expect(await say(CONTACT, `现场解决 ${p1}`, ENT_GROUP)).toContain('只有领导或管理员可以使用');

    expect(await say(LEADER, `现场解决 ${p1} 现场协调，当场出具规划许可`)).toBe(
      `已记录（现场办公 1）：${p1} 现场解决，已销号并请企业评价。`,
    );
    const closed = await ds.getRepository(Problem).findOneByOrFail({ code: p1 });
    expect(closed.status).toBe('closed');
    // The firm still rates it.
    expect(await say(CONTACT, `评价 ${p1} 满意`, ENT_GROUP)).toBe(`感谢评价！问题 ${p1} 已销号。`);
    expect((await ds.getRepository(Problem).findOneByOrFail({ code: p1 })).rating).toBe('satisfied');
    expect(await say(CONTACT, `评价 ${p1} 满意`, ENT_GROUP)).toBe('该问题已销号，不能再评价。');

    expect(await say(LEADER, `限期解决 ${p2} 12月10日 市住房和城乡建设局`)).toBe(
      `已记录（现场办公 1）：${p2} 限期解决，市住房和城乡建设局须于12月10日（周四）前办结，已进入工作台账。`,
    );
    const later = await ds
      .getRepository(Problem)
      .findOneOrFail({ where: { code: p2 }, relations: { leadUnit: true } });
    expect([later.status, later.dueOn, later.leadUnit?.name]).toEqual([
      'assigned',
      '2026-12-10',
      '市住房和城乡建设局',
    ]);
    const events = await ds
      .getRepository(ProblemEvent)
      .find({ where: { problemId: later.id }, order: { at: 'ASC' } });
    expect(events.at(-1)?.note).toContain('现场办公 1');

    expect(await sentTo('session-%-minutes%')).toEqual([]);
    const id = 'ses-last-outcome';
    const last = await say(LEADER, `不能解决 ${p3} 涉及控规调整，需报市政府研究`, null, id);
    expect(last).toBe(
      `已记录（现场办公 1）：${p3} 不能解决（涉及控规调整，需报市政府研究）。议题已全部议定，会议纪要已发给企业和参会单位。`,
    );
    const minutes = [ENT_GROUP, LEADER, 'wrdemo-unit-zjj', 'wrdemo-unit-zrzy'].sort();
    expect(await sentTo('session-%-minutes%')).toEqual(minutes);
    // A redelivery of the last message, and a late outcome, send no second minutes.
    await say(LEADER, `不能解决 ${p3} 涉及控规调整，需报市政府研究`, null, id);
    expect(await say(LEADER, `现场解决 ${p3}`)).toContain('不在今天（或之前）尚未结束的现场办公议题中');
    expect(await sentTo('session-%-minutes%')).toEqual(minutes);

    const outcomes = await ds.getRepository(OnsiteSessionItem).find({ order: { deadline: 'ASC' } });
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['deadline', 'onsite', 'unsolvable']);

    const res = await fetch(`${h.base}/api/sessions?from=2026-11-25&enterprise=91610113MA60000R5H`, {
      headers: { authorization: `Bearer ${HARNESS_ADMIN_TOKEN}` },
    });
    const body = (await res.json()) as {
      total: number;
      items: (Record<string, unknown> & { problems: { code: string; outcome: string }[] })[];
    };
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      number: 1,
      heldOn: '2026-11-25',
      place: '企业三楼会议室',
      presiding: { name: '梁卫东' },
      remindedAt: '2026-11-24T16:00:00.000+08:00',
      minutesSentAt: '2026-11-25T10:00:00.000+08:00',
    });
    expect(body.items[0].problems.map((p) => [p.code, p.outcome])).toEqual([
      [p1, 'onsite'],
      [p2, 'deadline'],
      [p3, 'unsolvable'],
    ]);
  });

  it('refuses a past date and an unknown firm, and asks for what is missing', async () => {
    expect(await say(LEADER, '现场办公 秦创智能 2026-11-20 地点：会议室')).toBe(
      '现场办公的日期不能早于今天。',
    );
    expect(await say(LEADER, '现场办公 火星公司 明天 地点：会议室')).toContain('没有找到“火星公司”');
    expect(await say(LEADER, '现场办公 秦创智能 明天')).toContain('请补充地点');
  });
});
