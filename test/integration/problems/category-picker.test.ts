import type { DataSource } from 'typeorm';
import type { Bot } from '../../../src/bot/bot';
import { OTHER_CATEGORY } from '../../../src/commands/problems/category-picker';
import { Category, Problem } from '../../../src/entities';
import { botSays, inboundMessage } from '../../support/bot-chat';
import { useBotOnDemoRoster } from '../../support/demo-bot';

/** The category picker through the bot, on the demo roster (15 categories). */
let ds: DataSource;
let bot: Bot;
let seq = 0;

useBotOnDemoRoster({ env: { QUALITY_CHECK_RATE: '0' } }, (f) => ({ ds, bot } = f));

const say = (senderId: string, text: string, chatId: string | null = null) =>
  botSays(ds, bot, inboundMessage(senderId, text, chatId, `cp-${Date.now()}-${++seq}`));
const options = (question: string) => question.split('\n').filter((l) => /^\d+\. /.test(l));

describe('the category picker', () => {
  it('offers the firm every category of the catalogue and 其他', async () => {
    const question = await say('yaojianguo', '上报问题 食堂饭菜不好吃', 'wrdemo-ent-01');
    const names = (await ds.getRepository(Category).findBy({ active: true })).map((c) => c.name);
    expect(names.length).toBe(15);
    const shown = options(question).map((l) => l.replace(/^\d+\. /, ''));
    expect(shown.sort()).toEqual([...names, OTHER_CATEGORY].sort());
  });

  it('never offers 其他 to the firm’s own cadre, and a number picks from the full list', async () => {
    // 田振华 is 秦创智能's 包联干部: 其他 would hand the problem back to him.
    const question = await say('tianzhenhua', '上报问题 秦创智能 食堂饭菜不好吃');
    expect(question).toMatch(/^这个问题属于哪一类？\n1\. /);
    expect(question).not.toContain('其他');
    expect(options(question)).toHaveLength(15);
    const last = options(question).at(-1)!;
    const [number, name] = last.split('. ');
    const done = await say('tianzhenhua', number);
    expect(done).toContain(`（${name}）`);
    expect(await ds.getRepository(Problem).count()).toBe(1);
  });

  it('re-asks with the whole list after a reply that is no number', async () => {
    await say('yaojianguo', '上报问题 食堂饭菜不好吃', 'wrdemo-ent-01');
    const again = await say('yaojianguo', '随便吧', 'wrdemo-ent-01');
    expect(again).toMatch(/^请回复1到16之间的序号。这个问题属于哪一类？/);
    expect(options(again)).toHaveLength(16);
  });
});
