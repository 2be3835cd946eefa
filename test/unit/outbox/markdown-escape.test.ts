import { brief } from '../../../src/services/leader/format';
import { escapeMarkdown, escapeMarkdownLines } from '../../../src/platforms/kit/markdown-escape';
import { renderDingtalkRobot } from '../../../src/platforms/dingtalk/dingtalk.render';
import { cardAsMarkdown, renderWecomBotResponse } from '../../../src/platforms/wecom/wecom.render';

const hostile =
  '# 紧急通知\n请点击[领取补贴](http://evil.example) <@all> <font color="warning">**官方**</font> @13800000000 ![x](http://x/y.png)';

describe('user text inside group markdown', () => {
  it.each(['wecom', 'dingtalk', 'any'] as const)(
    '%s: no heading, link, image, mention, HTML or bold',
    (d) => {
      const out = escapeMarkdown(hostile, d);
      expect(out).not.toMatch(/^#|\n|\[|\]\(|<@|<font|\*\*/);
      expect(out).toContain('紧急通知');
      expect(out).toContain('http://evil.example'); // still readable, just not a link
    },
  );

  it('DingTalk: @mobile is not a mention; WeCom: <@userid> is not one either', () => {
    expect(escapeMarkdown('@13800000000', 'dingtalk')).not.toContain('@');
    expect(escapeMarkdown('<@zhangsan>', 'wecom')).not.toMatch(/<@/);
  });

  it('keeps lines apart but lets none of them start a block', () => {
    expect(escapeMarkdownLines('- 第一\n> 引用\n1. 列表', 'wecom').split('\n')).toHaveLength(3);
    expect(escapeMarkdownLines('- 第一\n> 引用\n1. 列表', 'wecom')).not.toMatch(/^(-|>|1\.) /m);
  });

  it('is applied where cards and texts become markdown, and in digest lines', () => {
    const card = {
      msgtype: 'card' as const,
      card: { title: '请确认走访', description: hostile, buttons: [] },
    };
    expect(cardAsMarkdown(card)).not.toMatch(/\[领取补贴\]\(|<@all>|\n# /);
    const [ding] = renderDingtalkRobot(card);
    expect(JSON.stringify(ding)).not.toMatch(/\[领取补贴\]\(|\\n# 紧急/);
    const bot = renderWecomBotResponse({ msgtype: 'text', text: hostile }, 'k');
    expect(JSON.stringify(bot)).not.toMatch(/\[领取补贴\]\(|<@all>/);
    expect(brief(hostile, 200)).not.toMatch(/\[|<@|^#/);
  });
});
