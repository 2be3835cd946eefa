import type { Tier } from '../entities/enums';
import { TIER_LABELS } from '../entities/labels';
import { formatDateZh } from '../lib/time';
import type { OutboundPayload } from '../outbox/outbound-payload';

/** What every problem notification shows. */
export interface ProblemFacts {
  id: string;
  code: string;
  kind: string;
  firm: string;
  category: string | null;
  unit: string | null;
  dueOn: string | null;
  tier: Tier;
  description: string;
  resolution: string | null;
}

const TIER_TEXT: Record<Tier, string> = {
  normal: '正常',
  blue: `${TIER_LABELS.blue}色预警`,
  yellow: `${TIER_LABELS.yellow}色预警`,
  red: `${TIER_LABELS.red}色预警`,
};

const clip = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The lines every card carries: firm, category, unit, deadline, colour. */
function factLines(f: ProblemFacts): string[] {
  return [
    `企业：${f.firm}`,
    `类别：${f.category ?? '未分类'}`,
    ...(f.unit ? [`牵头单位：${f.unit}`] : []),
    `期限：${f.dueOn ? formatDateZh(f.dueOn) : '未定'}（${TIER_TEXT[f.tier]}）`,
  ];
}

const card = (
  title: string,
  lines: string[],
  buttons: { text: string; key: string }[] = [],
  mentionIds: string[] = [],
): OutboundPayload => ({
  msgtype: 'card',
  card: { title, description: lines.join('\n'), buttons },
  ...(mentionIds.length ? { mentions: { userIds: mentionIds } } : {}),
});

const textMessage = (lines: string[]): OutboundPayload => ({ msgtype: 'text', text: lines.join('\n') });

/** A new assignment (or transfer) to the unit's group, with 受理/退回 and @ the handlers. */
export function assignedCard(f: ProblemFacts, transfer: boolean, mentionIds: string[]): OutboundPayload {
  return card(
    `${transfer ? '转办' : '新交办'}问题 ${f.code}`,
    [...factLines(f), `问题：${clip(f.description)}`, '请及时受理；如非本单位职责，请退回并说明原因。'],
    [
      { text: '受理', key: `受理 ${f.code}` },
      { text: '退回', key: `退回 ${f.code} 分办错误` },
    ],
    mentionIds,
  );
}

/**
 * The answer to the cadre of a firm without a contact: ask the firm, then record its verdict by
 * proxy (代评); the buttons send 代评 … 电话确认.
 */
export function proxyRatingCard(f: ProblemFacts): OutboundPayload {
  return card(
    `问题 ${f.code} 已答复，请代企业评价`,
    [
      `企业：${f.firm}（无企业联系人）`,
      `问题：${clip(f.description, 60)}`,
      `答复：${clip(f.resolution ?? '', 200)}`,
      `请向企业确认后代为评价，例：代评 ${f.code} 满意 电话确认`,
    ],
    [
      { text: '满意（已电话确认）', key: `代评 ${f.code} 满意 电话确认` },
      { text: '基本满意（已电话确认）', key: `代评 ${f.code} 基本满意 电话确认` },
      { text: '不满意（已电话确认）', key: `代评 ${f.code} 不满意 电话确认` },
    ],
  );
}

/** Progress for the one who reported it: 已受理 / 已答复. */
export function progressText(f: ProblemFacts, step: string, detail: string): OutboundPayload {
  return textMessage([
    `您反映的问题 ${f.code} ${step}。`,
    `企业：${f.firm}`,
    ...(f.unit ? [`牵头单位：${f.unit}`] : []),
    ...(detail.trim() ? [`${step === '已答复' ? '答复' : '说明'}：${clip(detail, 200)}`] : []),
  ]);
}

/** Asks the enterprise (or its cadre, by proxy) to rate an answer it has not rated yet. */
export function rateReminder(f: ProblemFacts, proxy: boolean, closeOn: string): OutboundPayload {
  const base = proxy ? proxyRatingCard(f) : answeredCard(f);
  return {
    ...base,
    card: {
      ...base.card!,
      title: `提醒：问题 ${f.code} 待评价`,
      description: `${base.card!.description}
${formatDateZh(closeOn)}前仍未评价的，将按“逾期未评价”销号。`,
    },
  };
}

/** The unit's answer to the enterprise, with the three verdict buttons. */
export function answeredCard(f: ProblemFacts): OutboundPayload {
  return card(
    `问题 ${f.code} 已答复`,
    [
      `企业：${f.firm}`,
      `问题：${clip(f.description, 60)}`,
      `答复：${clip(f.resolution ?? '', 200)}`,
      '请评价办理结果：',
    ],
    [
      { text: '满意', key: `评价 ${f.code} 满意` },
      { text: '基本满意', key: `评价 ${f.code} 基本满意` },
      { text: '不满意', key: `评价 ${f.code} 不满意` },
    ],
  );
}

/** A service answered: the cadre (or unit) delivers the result before the enterprise rates. */
export function deliverPrompt(f: ProblemFacts): OutboundPayload {
  return card(
    `服务 ${f.code} 已办结，待送达`,
    [...factLines(f), `结果：${clip(f.resolution ?? '', 200)}`, '送达企业后请点“已送达”。'],
    [{ text: '已送达', key: `送达 ${f.code}` }],
  );
}

/** A co-handling unit is asked to help the lead unit. */
export function coUnitCard(f: ProblemFacts): OutboundPayload {
  return card(`协办问题 ${f.code}`, [
    ...factLines(f),
    `问题：${clip(f.description)}`,
    '请配合牵头单位办理。',
  ]);
}

/** 不满意 or a failed quality check: the problem is back with the unit. */
export function redoCard(f: ProblemFacts, reason: string, mentionIds: string[]): OutboundPayload {
  return card(
    `问题 ${f.code} 需重新办理`,
    [...factLines(f), `原因：${clip(reason, 120)}`, '请重新办理后再次答复。'],
    [],
    mentionIds,
  );
}

/** The problem was closed (销号): to the enterprise's cadre. */
export function closedText(f: ProblemFacts, note: string): OutboundPayload {
  return textMessage([
    `问题 ${f.code} 已销号（${note}）。`,
    `企业：${f.firm}`,
    `类别：${f.category ?? '未分类'}`,
  ]);
}

/** The enterprise withdrew the problem: to the unit. */
export function withdrawnText(f: ProblemFacts): OutboundPayload {
  return textMessage([`问题 ${f.code} 已由企业撤回，无需继续办理。`, `企业：${f.firm}`]);
}

/** The unit returned a misrouted problem: the cadre picks the next unit. */
export function returnedText(f: ProblemFacts, note: string): OutboundPayload {
  return textMessage([
    `问题 ${f.code} 被退回（${note}）。`,
    `企业：${f.firm}`,
    `请发送“转办 ${f.code} 单位名称”重新交办。`,
  ]);
}

/** A report with no category: the cadre assigns it by hand. */
export function unroutedText(f: ProblemFacts): OutboundPayload {
  return textMessage([
    `新问题 ${f.code} 未能自动分类，待交办。`,
    `企业：${f.firm}`,
    `问题：${clip(f.description)}`,
    `请发送“转办 ${f.code} 单位名称”交办。`,
  ]);
}

/** An extension request to the approving leaders. */
export function extensionCard(f: ProblemFacts, note: string): OutboundPayload {
  return card(
    `问题 ${f.code} 申请延期`,
    [...factLines(f), note],
    [
      { text: '同意延期', key: `同意延期 ${f.code}` },
      { text: '不同意延期', key: `不同意延期 ${f.code}` },
    ],
  );
}

/** A leader's decision, 催办 or 督办: to the unit's group. */
export function unitNotice(f: ProblemFacts, headline: string, mentionIds: string[]): OutboundPayload {
  return card(`问题 ${f.code} ${headline}`, factLines(f), [], mentionIds);
}

/** 撤单质检: the private follow-up question. */
export function qualityQuestion(f: ProblemFacts, withdrawn: boolean): OutboundPayload {
  return card(
    `回访：问题 ${f.code}`,
    [`您企业${withdrawn ? '撤回' : '已销号'}的问题：${clip(f.description, 60)}`, '问题是否真正解决？'],
    [
      { text: '已解决', key: `质检 ${f.code} 已解决` },
      { text: '未解决', key: `质检 ${f.code} 未解决` },
    ],
  );
}

/** 撤单质检 contradicts a withdrawal: to the admins. */
export function flaggedText(f: ProblemFacts): OutboundPayload {
  return textMessage([
    `质检提示：问题 ${f.code} 已撤回，但企业回访称“未解决”，已标记待核查。`,
    `企业：${f.firm}`,
    `问题：${clip(f.description)}`,
  ]);
}
