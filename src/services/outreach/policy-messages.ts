import type { OutboundPayload } from '../../outbox/outbound-payload';
import type { QueuedFirm } from '../../repositories/policy.repository';

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

type Item = QueuedFirm['policies'][number];

function itemLines(p: Item): string[] {
  const title = p.link ? `[${clip(p.title, 60)}](${p.link})` : clip(p.title, 60);
  const lines = [`**${p.number}. ${title}**（${p.issuer}）`];
  if (p.summary) lines.push(`> ${clip(p.summary, 120)}`);
  return lines;
}

/** The day's policies for one firm's group, merged into one markdown message. */
export function policyGroupMessage(firm: QueuedFirm): OutboundPayload {
  const first = firm.policies[0].number;
  return {
    msgtype: 'markdown',
    markdown: {
      title: `政策推送（${firm.policies.length}项）`,
      text: [
        `### 亲商助企·政策送到企业（${firm.policies.length}项）`,
        ...firm.policies.flatMap(itemLines),
        '',
        `收到请回复“@助企机器人 已阅 ${first}”；有疑问请发“@助企机器人 咨询 ${first} 您的问题”，咨询单位会限期答复。`,
      ].join('\n'),
    },
  };
}

/** The same, to the firm's cadre to pass on (the firm has no group chat with the bot). */
export function policyCadreMessage(firm: QueuedFirm): OutboundPayload {
  const lines = firm.policies.map(
    (p) =>
      `${p.number}. ${p.title}（${p.issuer}）${p.link ? ` ${p.link}` : ''}${p.summary ? `\n   ${clip(p.summary, 120)}` : ''}`,
  );
  return {
    msgtype: 'text',
    text: [
      `请将以下政策转达给${firm.firm}（该企业尚无企业群）：`,
      ...lines,
      `企业联系人收到后可向我发送“已阅 ${firm.policies[0].number}”，有疑问发送“咨询 ${firm.policies[0].number} 问题”。`,
    ].join('\n'),
  };
}
