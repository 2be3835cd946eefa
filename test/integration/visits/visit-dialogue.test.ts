import type { DataSource } from 'typeorm';
import type { Bot } from '../../../src/bot/bot';
import { GroupChat, Visit } from '../../../src/entities';
import { type AppHarness } from '../../support/app-harness';
import { botSays, inboundMessage } from '../../support/bot-chat';
import { useBotOnDemoRoster } from '../../support/demo-bot';

/**
 * The bot as the inbound worker runs it (real parser, dialogue store on Redis, outbox replier), fed
 * messages directly; what it says is read back from the outbox rows it wrote.
 */
let ds: DataSource;
let h: AppHarness;
let bot: Bot;
let seq = 0;

useBotOnDemoRoster({}, (f) => ({ ds, h, bot } = f));

/** Sends one message through the bot and returns what it answered (text, or a card's title). */
const say = (senderId: string, text: string, chatId: string | null = null): Promise<string> =>
  botSays(ds, bot, inboundMessage(senderId, text, chatId, `dlg-${Date.now()}-${++seq}`));

const TIAN = 'tianzhenhua';
const dialogueKey = (sender: string, chat = 'dm') =>
  `${h.config.queuePrefix}:dialogue:wecom:${chat}:${sender}`;

describe('the which-firm dialogue (state in Redis)', () => {
  it('missing firm → the cadre’s own firms numbered → "1" → stored with the first message’s date and summary', async () => {
    const question = await say(TIAN, '登记走访 11月20日 电话 了解订单情况');
    expect(question).toBe(
      '走访的是哪家企业？\n1. 西安万年光伏科技有限公司（包联）\n2. 西安秦创智能装备有限公司（包联）\n' +
        '请回复序号（如 1），或发送企业名称；发送“取消”放弃。',
    );
    expect(await h.container.redis.ttl(dialogueKey(TIAN))).toBeGreaterThan(0);
    const done = await say(TIAN, '1');
    expect(done).toContain(
      '已登记：11月20日（周五）电话联系 西安万年光伏科技有限公司，了解订单情况。本月第1次',
    );
    expect(await h.container.redis.exists(dialogueKey(TIAN))).toBe(0);
    expect(await ds.getRepository(Visit).findOneByOrFail({ summary: '了解订单情况' })).toMatchObject({
      visitedOn: '2026-11-20',
      method: 'phone',
    });
  });

  it('a firm name as the answer is looked up', async () => {
    await say(TIAN, '登记走访');
    expect(await say(TIAN, '秦创')).toContain('上门走访 西安秦创智能装备有限公司');
  });

  it('an ambiguous name → numbered matches, own first → a pick of a firm not paired is stored and noted', async () => {
    const question = await say(TIAN, '登记走访 智能 昨天 座谈');
    expect(question).toMatch(/^“智能”对应多家企业，是哪一家？\n1\. 西安秦创智能装备有限公司（包联）\n2\. /);
    const second = question.split('\n')[2].replace(/^2\. /, '');
    const done = await say(TIAN, '2');
    expect(done).toContain(`座谈 ${second}`);
    expect(done).toContain('该企业不是您的包联企业');
    expect(await ds.getRepository(Visit).count()).toBe(1);
  });

  it('a new command interrupts the dialogue cleanly', async () => {
    await say(TIAN, '登记走访');
    expect(await say(TIAN, '我的企业')).toContain('您包联的企业（11月）');
    expect(await h.container.redis.exists(dialogueKey(TIAN))).toBe(0);
    expect(await say(TIAN, '1')).toBe('当前没有需要选择的问题。发送“帮助”查看可用的命令。');
    expect(await ds.getRepository(Visit).count()).toBe(0);
  });

  it('取消 ends it', async () => {
    await say(TIAN, '登记走访 昨天');
    expect(await say(TIAN, '取消')).toBe('已取消。');
    expect(await h.container.redis.exists(dialogueKey(TIAN))).toBe(0);
    expect(await ds.getRepository(Visit).count()).toBe(0);
  });

  it('a reply that fits no question re-asks with an example; the third miss ends the dialogue', async () => {
    await say(TIAN, '登记走访');
    const again = await say(TIAN, '随便');
    expect(again).toContain('没看懂“随便”。请回复1到2之间的序号，或发送企业名称。');
    expect(again).toContain('1. 西安万年光伏科技有限公司（包联）');
    expect(await say(TIAN, '9')).toContain('没看懂“9”');
    expect(await say(TIAN, 'xyz')).toContain('本次操作已结束');
    expect(await h.container.redis.exists(dialogueKey(TIAN))).toBe(0);
    expect(await ds.getRepository(Visit).count()).toBe(0);
  });
});

describe('permissions and the other commands in chat', () => {
  it('an enterprise contact cannot register a visit, but rates the cadre and confirms', async () => {
    expect(await say('yaojianguo', '登记走访 秦创智能 昨天 上门')).toBe(
      '“登记走访”只有包联干部可以使用。企业联系人可以发送“确认走访”确认干部的来访。',
    );
    expect(await say('yaojianguo', '评价干部 5分 服务很周到')).toBe(
      '已收到您对包联干部田振华11月的评价：5分。谢谢您的反馈！',
    );
    expect(await say('yaojianguo', '评价干部 4分 响应及时')).toContain('已更新');
    // A second rating in the month updates the score and keeps both comments.
    const [rating] = await ds.query(`SELECT score, comment FROM rating WHERE subject = 'cadre'`);
    expect(rating).toEqual({ score: 4, comment: '服务很周到\n响应及时' });
    expect(await say('yaojianguo', '确认走访')).toBe('贵企业目前没有待确认的走访记录。');
  });

  it('绑定企业 in a group by the firm’s cadre binds it; another cadre is refused', async () => {
    expect(await say(TIAN, '绑定企业 秦创智能', 'wr-fresh')).toContain(
      '本群已绑定企业：西安秦创智能装备有限公司',
    );
    expect(await ds.getRepository(GroupChat).findOneByOrFail({ chatId: 'wr-fresh' })).toMatchObject({
      purpose: 'enterprise',
    });
    expect(await say('yuhaoran', '绑定企业 秦创智能', 'wr-other')).toBe(
      '您不是西安秦创智能装备有限公司的包联干部，不能绑定它的企业群。',
    );
    expect(await say(TIAN, '绑定企业 秦创智能')).toBe('请在企业群里@我发送“绑定企业 企业名称”。');
  });

  it('in the firm’s group a visit needs no firm name', async () => {
    const done = await say(TIAN, '登记走访 昨天 上门 了解用工', 'wrdemo-ent-01');
    expect(done).toContain('上门走访 西安秦创智能装备有限公司，了解用工。');
  });
});
