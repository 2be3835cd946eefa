import { formatDateZh } from '../../lib/time';
import type { OutboundPayload } from '../../outbox/outbound-payload';
import type { SessionFacts, SessionItemRow } from '../../repositories/onsite-session.repository';

const clip = (text: string, max = 40) => (text.length > max ? `${text.slice(0, max)}…` : text);

const head = (s: SessionFacts) =>
  `${formatDateZh(s.heldOn)}在${s.place}，由${s.presiding}主持${s.units.length ? `，邀请${s.units.join('、')}` : ''}`;

const agenda = (items: SessionItemRow[]) =>
  items.length === 0 ? ['暂无在办问题。'] : items.map((i) => `· ${i.code} ${clip(i.description)}`);

/** The notice when a session is scheduled (and the day-before reminder). */
export function sessionNotice(s: SessionFacts, items: SessionItemRow[], reminder: boolean): OutboundPayload {
  const lead = reminder
    ? `【明日现场办公提醒】现场办公 ${s.number}`
    : `【局长现场办公通知】现场办公 ${s.number}`;
  return {
    msgtype: 'text',
    text: [
      `${lead}：${s.firm}，${head(s)}。`,
      `议题（${s.firm}在办问题${items.length}个）：`,
      ...agenda(items),
      `企业如有其他问题，请在办公日前发送“上报问题 问题描述”，将一并列入议题。`,
    ].join('\n'),
  };
}

const OUTCOME_LINE: Record<string, (i: SessionItemRow) => string> = {
  onsite: (i) => `现场解决${i.note ? `：${clip(i.note)}` : ''}`,
  deadline: (i) => `限期解决：${i.deadline ? formatDateZh(i.deadline) : ''}前由${i.unit ?? ''}办结`,
  unsolvable: (i) => `不能解决：${clip(i.note ?? '')}`,
};

/**
 * The minutes: what was decided on each problem, sent once to everyone taking part; with the
 * secretary's summary when one was recorded (the only content of a session that had no problems).
 */
export function sessionMinutes(s: SessionFacts, items: SessionItemRow[], summary = ''): OutboundPayload {
  const settled = items.filter((i) => i.outcome === 'onsite').length;
  const later = items.filter((i) => i.outcome === 'deadline').length;
  const note = summary.trim() ? [`纪要：${summary.trim()}`] : [];
  if (items.length === 0) {
    return {
      msgtype: 'text',
      text: [
        `【现场办公纪要】现场办公 ${s.number}：${s.firm}，${head(s)}。`,
        '本次现场办公没有在办问题列入议题。',
        ...note,
      ].join('\n'),
    };
  }
  return {
    msgtype: 'text',
    text: [
      `【现场办公纪要】现场办公 ${s.number}：${s.firm}，${head(s)}。`,
      `共${items.length}个问题：现场解决${settled}个，限期解决${later}个，不能解决${items.length - settled - later}个。`,
      ...note,
      ...items.map(
        (i) =>
          `· ${i.code} ${clip(i.description, 30)} —— ${i.outcome ? OUTCOME_LINE[i.outcome](i) : '未议定'}`,
      ),
      '限期解决的问题已进入工作台账，按期限督办；现场解决的问题请企业评价。',
    ].join('\n'),
  };
}
