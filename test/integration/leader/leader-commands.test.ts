import { writeFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { buildBot } from '../../../src/app/bot';
import { buildSending } from '../../../src/app/sending';
import type { Bot } from '../../../src/bot/bot';
import { FixedClock } from '../../../src/lib/clock';
import type { OutboundPayload } from '../../../src/outbox/outbound-payload';
import { type AppHarness, startAppHarness } from '../../support/app-harness';
import { inboundMessage } from '../../support/bot-chat';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { jobRoster, visit } from '../jobs/jobs-fixtures';
import { makeLedger, problemIn, type Roster, START } from '../ledger/ledger-fixtures';

/**
 * Leaders' chat commands on the ledger roster: a problem of 甲 (雁塔区) led by 市规划局, red by
 * Thursday 2026-12-03; 干部甲 met 甲 once in December, 干部乙 never met 乙. Three leaders: 市领导
 * (the whole city, through the campaign office 市政府), 雁塔区领导, 碑林区领导.
 */
let ds: DataSource;
let h: AppHarness;
let bot: Bot;
let r: Roster;
let code: string;
let seq = 0;

beforeAll(async () => {
  ds = await testDataSource();
  h = await startAppHarness({ now: new Date('2026-12-03T02:00:00Z') });
  bot = buildBot(h.container, buildSending(h.container));
});
beforeEach(async () => {
  await truncateAll(ds);
  r = await jobRoster(ds);
  code = await problemIn(makeLedger(ds, new FixedClock(new Date(START))).ledger, r, 'accepted');
  await visit(ds, r.people.cadreA.id, r.ent.a.id, ['2026-12-02']);
});
afterAll(async () => {
  await h.close();
  await closeTestDataSource();
});

type Who = keyof Roster['people'];
const wecomId = (who: Who) => `u-${r.people[who].mobile}`;

/** What the bot answered one message: each reply's text and its attachments. */
async function ask(who: Who, text: string): Promise<{ text: string; payloads: OutboundPayload[] }> {
  const msg = inboundMessage(wecomId(who), text, null, `lead-${Date.now()}-${++seq}`);
  await bot.handle(msg);
  const rows: { payload: OutboundPayload }[] = await ds.query(
    `SELECT payload FROM outbound_message WHERE idempotency_key LIKE $1 ORDER BY id`,
    [`reply-${msg.platform}-${msg.messageId}-%`],
  );
  const payloads = rows.map((x) => x.payload);
  return {
    text: payloads.map((p) => p.markdown?.text ?? p.text ?? p.card?.title ?? '').join('\n'),
    payloads,
  };
}

describe('本月统计 / 本周统计', () => {
  it('a leader gets the figures of their scope and a chart picture, delivered as a WeCom image', async () => {
    const yanta = await ask('leaderYanta', '本月统计');
    expect(yanta.text).toContain('### 本月统计（12月1日（周二）至12月3日（周四））');
    expect(yanta.text).toContain('范围：雁塔区');
    expect(yanta.text).toMatch(/响应率 .*（上月同期 /);
    expect(yanta.text).toContain('在办问题 1 个');
    expect(yanta.text).toContain(`- 市规划局：${code}`);
    expect(yanta.text).toContain('本月一月两见：包联 1 对，已达标 0 对');
    const [attachment] = yanta.payloads[0].attachments ?? [];
    expect(attachment).toMatchObject({ kind: 'image', name: '本月统计' });
    // The outbound worker uploads the PNG to media/upload and sends the media_id to the leader.
    const image = await h.waitForSent(
      (s) => s.api === 'message/send' && s.to === wecomId('leaderYanta') && s.body.msgtype === 'image',
    );
    const upload = h.fake.sent.find((s) => s.api === 'media/upload');
    expect(upload?.body).toMatchObject({ type: 'image' });
    const media = h.fake.media.get(String((image.body.image as { media_id: string }).media_id));
    expect(media?.bytes.subarray(1, 4).toString('ascii')).toBe('PNG');
    if (process.env.SAVE_CHARTS) writeFileSync(`${process.env.SAVE_CHARTS}/本月统计.png`, media!.bytes);

    const beilin = await ask('leaderBeilin', '本周统计');
    expect(beilin.text).toContain('### 本周统计（11月30日（周一）至12月3日（周四））');
    expect(beilin.text).toContain('范围：碑林区');
    expect(beilin.text).toContain('在办问题 0 个');
    expect(beilin.text).not.toContain(code);
    expect(beilin.text).toContain('本月一月两见：包联 1 对，已达标 0 对');
  });

  it('is refused to a cadre, naming who may use it', async () => {
    const cadre = await ask('cadreA', '本月统计');
    expect(cadre.text).toBe(
      '“本月统计 / 本周统计”只有领导或管理员可以使用。发送“帮助”查看您可以使用的命令。',
    );
    expect(cadre.payloads[0].attachments).toBeUndefined();
  });
});

describe('超期问题 and 查看 N', () => {
  it('lists red and yellow problems in scope, numbered; 查看 N opens the N-th', async () => {
    const city = await ask('leaderCity', '超期问题');
    expect(city.text).toContain('范围：全市');
    expect(city.text).toMatch(new RegExp(`1\\. 🔴 ${code} `));
    expect(city.text).toContain('回复“查看 序号”查看详情');
    const opened = await ask('leaderCity', '查看 1');
    expect(opened.text).toContain(`问题 ${code}`);
    expect((await ask('leaderCity', '查看 2')).text).toBe(
      '清单只有 1 项，请回复 1 到 1 之间的序号，例：查看 1',
    );

    expect((await ask('leaderYanta', '超期问题')).text).toContain(code);
    const beilin = await ask('leaderBeilin', '超期问题');
    expect(beilin.text).toBe('范围：碑林区。目前没有红色或黄色预警问题。');
    expect((await ask('leaderBeilin', '查看 1')).text).toContain('没有可按序号查看的清单');
  });
});

describe('一月两见, 红黑榜, 查询企业', () => {
  it('一月两见 lists who is short this month, per scope', async () => {
    const yanta = await ask('leaderYanta', '一月两见');
    expect(yanta.text).toContain('范围：雁塔区。包联 1 对，已达标 0 对（0%）');
    expect(yanta.text).toContain('- 干部甲（雁塔区）：1/1 家，西安甲科技有限公司（1次）');
    expect(yanta.text).not.toContain('干部乙');
    const city = await ask('admin', '一月两见');
    expect(city.text).toContain('范围：全市。包联 2 对');
    expect(city.text).toContain('干部乙');
  });

  it('红黑榜 answers with the floor and the lists', async () => {
    const city = await ask('leaderCity', '红黑榜');
    expect(city.text).toContain('### 红黑榜（12月1日（周二）至12月3日（周四））');
    expect(city.text).toContain('只列本月至少 3 件的单位和区县');
    expect(city.text).toContain('**单位红榜**：暂无');
  });

  it('查询企业 finds a firm in scope with its cadre, visits and open problems, and nothing outside', async () => {
    const yanta = await ask('leaderYanta', '查询企业 甲科技');
    expect(yanta.text).toContain('### 西安甲科技有限公司');
    expect(yanta.text).toContain(`包联干部：干部甲（${r.people.cadreA.mobile}）`);
    expect(yanta.text).toContain('本月走访 1 次（1 天，一月两见未达标）');
    expect(yanta.text).toContain(`- ${code} 项目规划许可迟迟未批 · 办理中 · 市规划局`);
    const beilin = await ask('leaderBeilin', '查询企业 甲科技');
    expect(beilin.text).toBe(
      '在您的范围（碑林区）内没有找到名称含“甲科技”的企业。请换个叫法再试，例：查询企业 曲江文旅',
    );
    expect((await ask('leaderBeilin', '查询企业')).text).toContain('请补充企业名称');
  });

  it('查询企业 judges a key firm by its own target (一月三见), not by two contacts', async () => {
    await ds.query(`UPDATE enterprise SET contact_target = 3 WHERE id = $1`, [r.ent.a.id]);
    await visit(ds, r.people.cadreA.id, r.ent.a.id, ['2026-12-01']);
    const two = await ask('leaderYanta', '查询企业 甲科技');
    expect(two.text).toContain('本月走访 2 次（2 天，一月三见未达标）');
    expect(two.text).not.toContain('一月两见');
    await visit(ds, r.people.cadreA.id, r.ent.a.id, ['2026-12-03']);
    expect((await ask('leaderYanta', '查询企业 甲科技')).text).toContain(
      '本月走访 3 次（3 天，一月三见已达标）',
    );
  });
});
