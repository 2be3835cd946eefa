import type { DataSource } from 'typeorm';
import type { Bot } from '../../../src/bot/bot';
import { rosterExamples } from '../../../src/commands/parser/examples';
import { Enterprise, Visit } from '../../../src/entities';
import { botSays, inboundMessage } from '../../support/bot-chat';
import { useBotOnDemoRoster } from '../../support/demo-bot';

/** Sentences through the whole bot: understood, confirmed when unsure, echoed, undone. */
let ds: DataSource;
let bot: Bot;
let seq = 0;

// A fresh bot per test: its roster words are cached and the roster is seeded anew each time.
useBotOnDemoRoster({ botPerTest: true }, (f) => ({ ds, bot } = f));

const TIAN = 'tianzhenhua';
const say = (text: string, sender = TIAN): Promise<string> =>
  botSays(ds, bot, inboundMessage(sender, text, null, `nlu-${Date.now()}-${++seq}`));
const visits = () => ds.getRepository(Visit).find({ relations: { enterprise: true }, order: { id: 'ASC' } });

describe('understanding sentences in the bot', () => {
  it('a visit in a sentence is stored at once, echoed with its weekday, and 撤销 takes it back', async () => {
    const reply = await say('昨天给秦创智能打了个电话，聊了用工');
    expect(reply).toMatch(/^已登记：\d+月\d+日（周.）电话联系 西安秦创智能装备有限公司/);
    expect(reply).toContain('回复“撤销”即可撤回');
    expect(await visits()).toHaveLength(1);
    expect(await say('撤销')).toBe('已撤销：1条走访记录。');
    expect(await visits()).toHaveLength(0);
    expect(await say('撤销')).toContain('没有可以撤销的记录');
  });

  it('two firms in one visit message: one question, "1" stores one visit per firm', async () => {
    const question = await say('今天跑了秦创智能和万年光伏两家');
    expect(question).toContain('是要登记今天');
    expect(question).toContain(
      '西安秦创智能装备有限公司、西安万年光伏科技有限公司（2家，分别登记）吗？回复 1 确认',
    );
    expect(await visits()).toHaveLength(0);
    await say('1');
    const stored = await visits();
    expect(stored.map((v) => v.enterprise?.shortName).sort()).toEqual(['万年光伏', '秦创智能']);
  });

  it('a planned or negated visit and chit-chat store nothing', async () => {
    expect(await say('明天去秦创智能走访')).toContain('还没发生的走访');
    expect(await say('今天本来要去万年光伏，没去成')).toContain('没看懂');
    expect(await say('好的，谢谢')).toContain('没看懂');
    expect(await visits()).toHaveLength(0);
  });

  it('the fallback offers the sender’s likely commands as sentences', async () => {
    const reply = await say('嗯嗯，那个啥');
    expect(reply).toContain('您可能想：');
    // The example names a firm of the roster the bot runs with.
    const { firm } = rosterExamples();
    expect(await ds.getRepository(Enterprise).existsBy({ shortName: firm })).toBe(true);
    expect(reply).toContain(`登记走访：“昨天去${firm}，了解用工”`);
  });
});
