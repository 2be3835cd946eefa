import type { DataSource } from 'typeorm';
import { buildBot } from '../../../src/app/bot';
import { buildSending } from '../../../src/app/sending';
import type { Bot } from '../../../src/bot/bot';
import { GroupChat, Problem, ProblemEvent } from '../../../src/entities';
import { type AppHarness } from '../../support/app-harness';
import { botSays, inboundMessage } from '../../support/bot-chat';
import { useBotOnDemoRoster } from '../../support/demo-bot';

/**
 * The problem features through the bot as the inbound worker runs it (real parser, dialogues in
 * Redis, outbox replier and notifier); answers and notifications are read back from the outbox.
 * Clock: Monday 2026-11-23 10:00 in Beijing.
 */
let ds: DataSource;
let h: AppHarness;
let bot: Bot;
let seq = 0;

// No 撤单质检 sampling here (problem ids are random); the 质检 tests below sample everything.
useBotOnDemoRoster({ env: { QUALITY_CHECK_RATE: '0' } }, (f) => ({ ds, h, bot } = f));

const CONTACT = 'yaojianguo'; // 姚建国, contact of 秦创智能
const OTHER_CONTACT = 'wanglixin'; // 汪立新, contact of 长安半导体
const HANDLER = 'yesiyuan'; // 叶思远, 市自然资源和规划局
const OTHER_HANDLER = 'shenpengfei'; // 沈鹏飞, 市住房和城乡建设局
const CADRE = 'tianzhenhua'; // 田振华, cadre of 秦创智能
const ENT_GROUP = 'wrdemo-ent-01'; // 秦创智能's group

/** Sends one message (or redelivers it with the same id) and returns the bot's answer. */
const say = (senderId: string, text: string, chatId: string | null = null, id?: string): Promise<string> =>
  botSays(ds, bot, inboundMessage(senderId, text, chatId, id ?? `pb-${Date.now()}-${++seq}`));

/** Notifications (not replies) written to the outbox: [target chat id or user id, headline]. */
async function notifications(): Promise<[string, string][]> {
  const rows: { channel: string; target: string; payload: { text?: string; card?: { title: string } } }[] =
    await ds.query(
      `SELECT channel, target, payload FROM outbound_message WHERE idempotency_key LIKE 'evt-%' ORDER BY id`,
    );
  const groups = new Map((await ds.getRepository(GroupChat).find()).map((g) => [g.id, g.chatId]));
  return rows.map((r) => [
    groups.get(r.target) ?? r.target,
    r.payload.card?.title ?? r.payload.text?.split('\n')[0] ?? '',
  ]);
}

const codeIn = (text: string) => /W\d{8}-\d{4}/.exec(text)?.[0] ?? '';

describe('a problem from the enterprise group to closure', () => {
  it('report → card in the unit group → 受理/答复 without a code → rating card → 满意 closes', async () => {
    const reported = await say(CONTACT, '上报问题 厂房规划许可迟迟未批', ENT_GROUP);
    const code = codeIn(reported);
    expect(reported).toBe(
      `已登记问题 ${code}（规划），已交办市自然资源和规划局，办理期限12月7日（周一）。进展会通知您，也可发送“查看 ${code}”。如有误，回复“撤销”即可撤回。`,
    );
    expect(code).toBe('W20261123-0001');

    expect(await say(HANDLER, '受理')).toBe(
      `已受理 ${code}，请在12月7日（周一）前办结，完成后发送“答复 ${code} 办理结果”。`,
    );
    expect(await say(HANDLER, '答复 已协调出具规划许可')).toBe(`已答复 ${code}，已请企业评价。`);
    // The button press sends its key as the text.
    expect(await say(CONTACT, `评价 ${code} 满意`, ENT_GROUP)).toBe(`感谢评价！问题 ${code} 已销号。`);

    expect(await notifications()).toEqual([
      ['wrdemo-unit-zrzy', `新交办问题 ${code}`],
      ['yaojianguo', `您反映的问题 ${code} 已受理。`],
      [ENT_GROUP, `问题 ${code} 已答复`],
      [CADRE, `问题 ${code} 已销号（满意）。`],
    ]);
  });

  it('协办 adds a co-handling unit, tells its group once, and lets that unit see the problem', async () => {
    const code = codeIn(await say(CONTACT, '上报问题 厂房规划许可迟迟未批', ENT_GROUP));
    await say(HANDLER, '受理');
    expect(await say(HANDLER, '协办 住房和城乡建设局', null, 'co-1')).toBe(
      `已将市住房和城乡建设局列为 ${code} 的协办单位。已通知该单位（单位群）。`,
    );
    await say(HANDLER, '协办 住房和城乡建设局', null, 'co-1'); // redelivered
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM problem_co_unit`);
    expect(n).toBe(1);
    const toHousing = (await notifications()).filter(([to]) => to === 'wrdemo-unit-zjj');
    expect(toHousing).toHaveLength(1);
    const shown = await say(OTHER_HANDLER, `查看 ${code}`);
    expect(shown).toContain('办理中');
    expect(shown).toContain('厂房规划许可迟迟未批');
    expect(await say(CONTACT, '协办 住房和城乡建设局', ENT_GROUP)).not.toContain('已将');
  });

  it('a redelivered message is answered once and changes nothing twice', async () => {
    const code = codeIn(await say(CONTACT, '上报问题 厂房规划许可迟迟未批', ENT_GROUP, 'same-1'));
    await say(CONTACT, '上报问题 厂房规划许可迟迟未批', ENT_GROUP, 'same-1');
    await say(HANDLER, `受理 ${code}`, null, 'same-2');
    await say(HANDLER, `受理 ${code}`, null, 'same-2');
    expect(await ds.getRepository(Problem).count()).toBe(1);
    expect(await ds.getRepository(ProblemEvent).countBy({ action: 'accept' })).toBe(1);
    // The assignment card and, once, the reporter's 已受理.
    expect(await notifications()).toHaveLength(2);
  });
});

describe('category and problem choices', () => {
  it('no keyword hit → numbered categories → 其他 leaves it pending for the cadre', async () => {
    const question = await say(CONTACT, '上报问题 食堂饭菜不好吃', ENT_GROUP);
    expect(question).toMatch(/^这个问题属于哪一类？\n1\. /);
    const other = question.split('\n').find((l) => l.includes('其他（由包联干部交办）')) ?? '';
    const done = await say(CONTACT, other.split('.')[0], ENT_GROUP);
    const code = codeIn(done);
    expect(done).toBe(
      `已登记问题 ${code}，暂未分类，已请包联干部交办。发送“查看 ${code}”了解进展。如有误，回复“撤销”即可撤回。`,
    );
    expect(await notifications()).toEqual([[CADRE, `新问题 ${code} 未能自动分类，待交办。`]]);

    // The cadre assigns it by hand, by a fragment of the unit's name.
    const ask = await say(CADRE, `转办 ${code} 行政审批`);
    expect(ask).toMatch(/^转办给哪个单位？\n1\. /);
    const pick = ask.split('\n').find((l) => l.includes('市行政审批服务局')) ?? '';
    expect(await say(CADRE, pick.split('.')[0])).toMatch(new RegExp(`^已将 ${code} 转办至市行政审批服务局`));
    expect((await notifications()).at(-1)).toEqual(['wrdemo-unit-spj', `新交办问题 ${code}`]);
  });

  it('an explicit category word wins over the keywords', async () => {
    const done = await say(CONTACT, '上报问题 【融资】 厂房规划许可迟迟未批', ENT_GROUP);
    expect(done).toContain('（融资），已交办市地方金融管理局');
  });

  it('a cadre who leaves out the firm is asked which of their firms, and the description is kept', async () => {
    const question = await say(CADRE, '上报问题 厂房规划许可迟迟未批影响二期开工');
    expect(question).toMatch(/^是哪家企业的问题？\n1\. /);
    const line = question.split('\n').find((l) => l.includes('秦创智能')) ?? '';
    expect(line).toContain('（包联）');
    const done = await say(CADRE, line.split('.')[0]);
    const code = codeIn(done);
    const problem = await ds.getRepository(Problem).findOneByOrFail({ code });
    expect(problem.description).toBe('厂房规划许可迟迟未批影响二期开工');
  });

  it('a bare action with several candidates asks which; the number picks', async () => {
    const a = codeIn(await say(CONTACT, '上报问题 厂房规划许可迟迟未批', ENT_GROUP));
    const b = codeIn(await say(CONTACT, '上报问题 控规调整申请没有回音', ENT_GROUP));
    const question = await say(HANDLER, '受理');
    expect(question).toMatch(/^要受理哪个问题？\n1\. W20261123-0002 /);
    expect(await say(HANDLER, '2')).toMatch(new RegExp(`^已受理 ${a}`));
    expect(await say(HANDLER, '受理')).toMatch(new RegExp(`^已受理 ${b}`));
    expect(await say(HANDLER, '受理')).toMatch(/^您目前没有可以受理的问题。/);
  });
});

describe('my tasks, show and data scope', () => {
  it('a unit sees only its problems; an enterprise only its own', async () => {
    const code = codeIn(await say(CONTACT, '上报问题 厂房规划许可迟迟未批', ENT_GROUP));
    expect(await say(HANDLER, '我的待办')).toContain(
      `【待受理】\n· ${code} 西安秦创智能装备有限公司：厂房规划许可迟迟未批（已交办`,
    );
    expect(await say(OTHER_HANDLER, '我的待办')).toBe('目前没有等您处理的问题。');
    expect(await say(OTHER_HANDLER, `受理 ${code}`)).toBe('该问题不在您的职责范围内，您不能受理。');

    const shown = await say(CONTACT, `查看 ${code}`);
    expect(shown).toContain(`问题 ${code}（已交办）`);
    expect(shown).toContain('牵头单位：市自然资源和规划局');
    expect(shown).toContain('期限：12月7日（周一）');
    expect(shown).toContain('上报：厂房规划许可迟迟未批（姚建国）');
    expect(shown).toContain('交办市自然资源和规划局，10个工作日内办结');
    expect(await say(OTHER_CONTACT, `查看 ${code}`)).toBe(
      `找不到编号为 ${code} 的问题，或您无权查看。请核对编号，或发送“我的待办”。`,
    );
  });
});

describe('撤单质检 through the bot', () => {
  const sampleAll = () => {
    const container = { ...h.container, config: { ...h.container.config, qualityCheckRate: 1 } };
    bot = buildBot(container, buildSending(container));
  };
  afterEach(() => {
    bot = buildBot(h.container, buildSending(h.container));
  });

  it('no check asked → the 质检 text gets a clear refusal', async () => {
    const code = codeIn(await say(CONTACT, '上报问题 厂房规划许可迟迟未批', ENT_GROUP));
    expect(await say(CONTACT, `撤回 ${code} 已自行解决`, ENT_GROUP)).toBe(`已撤回问题 ${code}。`);
    expect(await say(CONTACT, `质检 ${code} 已解决`)).toBe('该问题没有质检回访，无需回答。');
  });

  it('a withdrawal asks the contact privately; 未解决 flags it for the admins; a second answer is thanked', async () => {
    sampleAll();
    const code = codeIn(await say(CONTACT, '上报问题 厂房规划许可迟迟未批', ENT_GROUP));
    await say(CONTACT, `撤回 ${code}`, ENT_GROUP);
    expect((await notifications()).at(-1)).toEqual([CONTACT, `回访：问题 ${code}`]);
    expect(await say(CONTACT, `质检 ${code} 未解决`)).toBe(`感谢反馈，已转亲商助企办核查问题 ${code}。`);
    expect(await ds.getRepository(Problem).findOneByOrFail({ code })).toMatchObject({ flagged: true });
    const admins = (await notifications()).filter(([, title]) => title.startsWith('质检提示'));
    expect(admins.map(([to]) => to).sort()).toEqual(['huanglixin', 'wangjianguo']);
    expect(await say(CONTACT, `质检 ${code} 已解决`)).toBe('您已回答过这次回访，感谢！');
  });

  it('a closure found unsolved goes back to the unit as a redo', async () => {
    sampleAll();
    const code = codeIn(await say(CONTACT, '上报问题 厂房规划许可迟迟未批', ENT_GROUP));
    await say(HANDLER, `受理 ${code}`);
    await say(HANDLER, `答复 ${code} 已出具`);
    await say(CONTACT, `评价 ${code} 满意`, ENT_GROUP);
    expect(await say(CONTACT, `质检 ${code} 未解决`)).toBe(`感谢反馈，问题 ${code} 已重新交由牵头单位办理。`);
    expect(await ds.getRepository(Problem).findOneByOrFail({ code })).toMatchObject({
      status: 'accepted',
      redoCount: 1,
    });
    expect((await notifications()).at(-1)).toEqual(['wrdemo-unit-zrzy', `问题 ${code} 需重新办理`]);
  });
});

describe('a firm without a contact (万年光伏): the cadre rates by proxy', () => {
  it('the answer goes to the cadre, who sees 待代评 and records 代评 满意 电话确认', async () => {
    const code = codeIn(await say(CADRE, '上报问题 万年光伏 厂房规划许可迟迟未批'));
    await say(HANDLER, `受理 ${code}`);
    await say(HANDLER, `答复 ${code} 已出具规划许可`);
    const proxyCard = (await notifications()).find(
      ([to, title]) => to === CADRE && title.includes('请代企业评价'),
    );
    expect(proxyCard).toBeDefined();
    expect(await say(CADRE, '我的待办')).toContain('待代评');
    expect(await say(CADRE, `评价 ${code} 满意`)).toContain('包联干部可发送“代评');
    expect(await say(CADRE, '代评 满意')).toContain('请说明如何向企业确认');
    expect(await say(CADRE, '代评 满意 电话确认')).toBe(`已代企业评价（记为代评）！问题 ${code} 已销号。`);
    expect(await ds.getRepository(Problem).findOneByOrFail({ code })).toMatchObject({
      status: 'closed',
      closure: 'proxy',
    });
    expect(await say(CADRE, `查看 ${code}`)).toContain('代评满意：电话确认');
  });
});
