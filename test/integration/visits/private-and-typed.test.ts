import type { DataSource } from 'typeorm';
import type { Bot } from '../../../src/bot/bot';
import { REPLIES } from '../../../src/bot/replies';
import { Visit } from '../../../src/entities';
import { botSays, inboundMessage } from '../../support/bot-chat';
import { useBotOnDemoRoster } from '../../support/demo-bot';

let ds: DataSource;
let bot: Bot;
let seq = 0;

useBotOnDemoRoster({}, (f) => ({ ds, bot } = f));

const TIAN = 'tianzhenhua';

async function privateRows(messageId: string) {
  return (await ds.query(
    `SELECT channel, target, payload->>'text' AS text FROM outbound_message WHERE idempotency_key LIKE $1`,
    [`private-%-${messageId}-%`],
  )) as { channel: string; target: string; text: string }[];
}

describe('personal lists are answered only 1:1', () => {
  it('我的企业 typed in a group: the group is told, the list goes to the cadre privately', async () => {
    const msg = inboundMessage(TIAN, '我的企业', 'wrqGroupOfAnotherFirm', `priv-${++seq}`);
    expect(await botSays(ds, bot, msg)).toBe(REPLIES.answeredPrivately);
    const rows = await privateRows(msg.messageId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: 'wecom_app', target: TIAN });
    expect(rows[0].text).toContain('您包联的企业（11月）');
  });

  it('我的待办 typed in a group goes privately too; 1:1 it is answered in place', async () => {
    const group = inboundMessage(TIAN, '我的待办', 'wrqSomeGroup', `priv-${++seq}`);
    expect(await botSays(ds, bot, group)).toBe(REPLIES.answeredPrivately);
    expect(await privateRows(group.messageId)).toHaveLength(1);
    const direct = inboundMessage(TIAN, '我的企业', null, `priv-${++seq}`);
    expect(await botSays(ds, bot, direct)).toContain('您包联的企业（11月）');
    expect(await privateRows(direct.messageId)).toHaveLength(0);
  });
});

describe('visit summaries are stored as typed', () => {
  it('keeps 10:30 and www.x.com', async () => {
    const msg = inboundMessage(
      TIAN,
      '登记走访 秦创 昨天 上门 10:30到访，官网www.x.com已更新',
      null,
      `typed-${++seq}`,
    );
    expect(await botSays(ds, bot, msg)).toContain('已登记');
    const visit = await ds.getRepository(Visit).findOneByOrFail({});
    expect(visit.summary).toBe('10:30到访，官网www.x.com已更新');
  });
});
