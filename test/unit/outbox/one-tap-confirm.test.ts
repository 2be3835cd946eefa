import { confirmCard } from '../../../src/commands/visits/visit-replies';
import { renderDingtalkRobot } from '../../../src/platforms/dingtalk/dingtalk.render';
import { cardAsMarkdown, renderWecomApp } from '../../../src/platforms/wecom/wecom.render';
import type { VisitRecord } from '../../../src/services/visits';

const visit = {
  id: '5b7c1d0e-9a8f-4e21-b3c4-6d5e4f3a2b1c',
  cadreName: '田振华',
  visitedOn: '2026-11-20',
  method: 'onsite',
  summary: '了解用工',
} as VisitRecord;

describe('visit confirmation in the firm’s group', () => {
  const card = confirmCard(visit);

  it('is a button on the WeCom app card and on DingTalk (one tap)', () => {
    const wecom = renderWecomApp(card, 'k').find((m) => m.msgtype === 'template_card');
    expect(wecom).toMatchObject({
      template_card: { button_list: [{ text: '确认走访', key: `确认走访 ${visit.id}` }] },
    });
    const [ding] = renderDingtalkRobot(card);
    expect(JSON.stringify(ding)).toContain('"title":"确认走访"');
  });

  it('asks for two words, never the visit id, where the group robot has no buttons', () => {
    const md = cardAsMarkdown(card);
    expect(md).toContain('回复「确认走访」');
    expect(md).not.toContain(visit.id);
  });
});
