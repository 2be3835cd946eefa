import { fallbackReply } from '../../../../src/bot/fallback';
import { readingAction } from '../../../../src/bot/reading-action';
import { commandNamesForRoles } from '../../../../src/commands/parser/help';
import { likelyCommands } from '../../../../src/commands/understand/suggest';
import { understand } from '../../../../src/commands/understand/understand';
import { parseCases } from './corpus-kit';

describe('likelyCommands: what a sender most likely meant, among the commands they may use', () => {
  it('offers a handler their queries and steps, never the cadre’s 登记走访', () => {
    const ranked = likelyCommands('这个怎么弄', commandNamesForRoles(['handler']));
    expect(ranked).toHaveLength(3);
    expect(ranked).not.toContain('visit');
    expect(ranked).toContain('accept');
  });

  it('puts the commands whose words the text holds first', () => {
    expect(likelyCommands('延期的事', commandNamesForRoles(['handler']))[0]).toBe('extend');
    expect(likelyCommands('满意吗', commandNamesForRoles(['contact']))[0]).toBe('rate');
  });

  it('gives an enterprise contact sentences of their own commands', () => {
    const reply = fallbackReply('嗯嗯', ['contact']);
    expect(reply).toContain('反映问题');
    expect(reply).not.toContain('登记走访');
  });
});

describe('readingAction: what the bot does with a reading', () => {
  const [multi, yes, future, chat] = parseCases(`
c | 今天跑了秦创智能和汉丰食品两家 | visit
c+confirm | 1 | yes
c | 明天去陕鼓动力走访 | future
c | 好的 | none
`);
  it('asks once for a visit to several firms, with one command per firm', () => {
    const action = readingAction(understand(multi.text, multi.ctx), false, 0);
    expect(action.kind).toBe('ask');
    if (action.kind !== 'ask') return;
    expect(action.options[0].map((c) => (c.name === 'visit' ? c.enterpriseId : null))).toEqual(['qc', 'hf']);
  });

  it('runs the first option on a yes, refuses a future visit, falls back on chit-chat', () => {
    expect(readingAction(understand(yes.text, yes.ctx), true, 1)).toEqual({ kind: 'run', option: 0 });
    expect(readingAction(understand(future.text, future.ctx), false, 0).kind).toBe('say');
    expect(readingAction(understand(chat.text, chat.ctx), false, 0)).toEqual({ kind: 'fallback' });
    expect(readingAction(understand(chat.text, chat.ctx), true, 1)).toEqual({ kind: 'resume' });
  });
});

describe('visit notes that are no problems', () => {
  const [note] = parseCases('c | 登记走访 秦创智能 昨天 上门 没有发现问题 | visit');
  it('keeps "没有发现问题" whole in the summary', () => {
    const r = understand(note.text, note.ctx);
    expect(r.result).toMatchObject({ ok: true, command: { summary: '没有发现问题', problem: null } });
  });
});
