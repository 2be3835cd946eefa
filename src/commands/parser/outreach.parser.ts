import type { SessionOutcome } from '../../entities/enums';
import { addDays, type IsoDate } from '../../lib/time';
import { makeDate, partsOf } from './calendar';
import { parseChineseNumber } from './chinese-number';
import { takeProblemCode } from './problem-code';
import { incomplete, parsed, refused } from './results';
import { afterLeadingWord, tidy } from './text';
import type { CommandParser, ParseResult, PolicyDraft } from './types';

/** The labelled parts of 发布政策, each with the words people use for it. */
const POLICY_LABELS: [keyof PolicyDraft, string[]][] = [
  ['title', ['标题', '政策名称', '名称']],
  ['issuer', ['发文单位', '发布单位', '发文']],
  ['summary', ['摘要', '要点', '内容']],
  ['link', ['链接', '网址', '附件', '文件']],
  ['scope', ['范围', '对象', '面向', '推送范围']],
  ['contactUnit', ['咨询单位', '联系单位', '咨询']],
];

/** Session labels: 地点 / 主持 / 邀请. */
const SESSION_LABELS: [string, string[]][] = [
  ['place', ['地点', '地址']],
  ['presiding', ['主持人', '主持']],
  ['units', ['邀请单位', '参加单位', '邀请']],
];

/**
 * Cuts "标题：…；摘要：…" into its labelled parts (a label is followed by ： or :); what comes before
 * the first label is returned as `lead`.
 */
function labelled(
  text: string,
  labels: [string, string[]][],
): { lead: string; parts: Record<string, string> } {
  const words = labels.flatMap(([key, ws]) => ws.map((w) => ({ key, w })));
  words.sort((a, b) => b.w.length - a.w.length);
  const alternation = words.map(({ w }) => w).join('|');
  const re = new RegExp(`(?:^|[\\s;；,，。\\n])(${alternation})\\s*[:：]`, 'g');
  const hits: { key: string; start: number; end: number }[] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const key = words.find(({ w }) => w === m[1])!.key;
    hits.push({ key, start: m.index, end: m.index + m[0].length });
  }
  const parts: Record<string, string> = {};
  hits.forEach((h, i) => {
    const value = tidy(text.slice(h.end, i + 1 < hits.length ? hits[i + 1].start : text.length));
    if (value !== '' && parts[h.key] === undefined) parts[h.key] = value;
  });
  return { lead: tidy(hits.length ? text.slice(0, hits[0].start) : text), parts };
}

function parsePublish(rest: string): ParseResult {
  const { lead, parts } = labelled(rest, POLICY_LABELS);
  const draft: PolicyDraft = { ...(parts as PolicyDraft) };
  // "发布政策 关于…的通知 链接：…": an unlabelled opening is the title.
  if (draft.title === undefined && lead !== '') draft.title = lead;
  const missing = (['title', 'scope', 'contactUnit'] as const).filter((k) => draft[k] === undefined);
  if (missing.length > 0) return incomplete('publishPolicy', missing, { name: 'publishPolicy', draft });
  return parsed({ name: 'publishPolicy', draft });
}

/** "政策 3", "政策3", "第3号政策" → 3. */
const NUMBER_AFTER_RE = /^(?:第\s*)?(\d{1,6}|[一二三四五六七八九十百]+)\s*号?$/;

function policyNumber(text: string): number | null {
  const m = NUMBER_AFTER_RE.exec(text.trim());
  return m === null ? null : parseChineseNumber(m[1]);
}

/** A date on or after today: 今天/明天/后天, 12月3日 (next year when already past), 2026-12-03. */
export function futureDate(text: string, today: IsoDate): { date: IsoDate; span: string } | null {
  const rel = /今天|明天|后天|大后天/.exec(text);
  if (rel !== null) {
    const offset = { 今天: 0, 明天: 1, 后天: 2, 大后天: 3 }[rel[0] as '今天'] ?? 0;
    return { date: addDays(today, offset), span: rel[0] };
  }
  const iso = /(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})[日号]?/.exec(text);
  if (iso !== null) {
    const date = makeDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return date === null ? null : { date, span: iso[0] };
  }
  const md = /(\d{1,2})月(\d{1,2})[日号]?/.exec(text);
  if (md !== null) {
    const { year } = partsOf(today);
    const thisYear = makeDate(year, Number(md[1]), Number(md[2]));
    if (thisYear === null) return null;
    const date = thisYear >= today ? thisYear : makeDate(year + 1, Number(md[1]), Number(md[2]));
    return date === null ? null : { date, span: md[0] };
  }
  return null;
}

function parseSession(rest: string, today: IsoDate): ParseResult | null {
  const { lead, parts } = labelled(rest, SESSION_LABELS);
  const when = futureDate(lead, today);
  // "现场办公 曲江文旅 昨天 …" with no label is a visit (座谈/现场办公), for the visit parser.
  if (when === null && Object.keys(parts).length === 0 && /昨天|前天|上周|日|号/.test(lead)) return null;
  const enterprise = tidy(when ? lead.replace(when.span, ' ') : lead);
  const units = (parts.units ?? '')
    .split(/[、,，;；\s]+/)
    .map((u) => u.trim())
    .filter((u) => u !== '');
  const command = {
    name: 'scheduleSession' as const,
    enterprise: enterprise === '' ? null : enterprise,
    date: when?.date ?? null,
    place: parts.place ?? null,
    presiding: parts.presiding ?? null,
    units,
  };
  const missing = [
    ...(command.enterprise === null ? ['enterprise'] : []),
    ...(command.date === null ? ['date'] : []),
    ...(command.place === null ? ['place'] : []),
  ];
  if (missing.length > 0) return incomplete('scheduleSession', missing);
  return parsed({ ...command, enterprise: command.enterprise!, date: command.date!, place: command.place });
}

const OUTCOME_WORDS: [string, SessionOutcome][] = [
  ['现场解决', 'onsite'],
  ['限期解决', 'deadline'],
  ['不能解决', 'unsolvable'],
  ['无法解决', 'unsolvable'],
];

function parseOutcome(outcome: SessionOutcome, rest: string, today: IsoDate): ParseResult {
  const { code, rest: after } = takeProblemCode(rest);
  if (code === null) return incomplete('sessionOutcome', ['code']);
  if (outcome === 'deadline') {
    const when = futureDate(after, today);
    const unit = tidy(
      (when ? after.replace(when.span, ' ') : after).replace(/(?:前|之前|以前)/, ' '),
    ).replace(/^(?:由|责任单位\s*[:：]?)/, '');
    const missing = [...(when === null ? ['deadline'] : []), ...(unit === '' ? ['unit'] : [])];
    if (missing.length > 0) return incomplete('sessionOutcome', missing);
    if (when!.date < today) return refused('sessionOutcome', 'invalid_date', '期限不能早于今天。');
    return parsed({ name: 'sessionOutcome', code, outcome, deadline: when!.date, unit, note: '' });
  }
  const note = tidy(after).replace(/^(?:原因|说明|理由)\s*[:：]?/, '');
  if (outcome === 'unsolvable' && note === '') return incomplete('sessionOutcome', ['reason']);
  return parsed({ name: 'sessionOutcome', code, outcome, deadline: null, unit: null, note });
}

/** 发布政策, 政策 N, 已阅, 咨询 …, 现场办公 …, 现场解决 / 限期解决 / 不能解决 … (a bare 收到 stays no command: it answers too much). */
export const parseOutreach: CommandParser = (text, ctx) => {
  if (/^(?:已阅|已读)(?:\s*(?:政策)?\s*\d{1,6})?[。.!！]*$/.test(text)) {
    const n = /\d{1,6}/.exec(text);
    return parsed({ name: 'ackPolicy', number: n ? Number(n[0]) : null });
  }
  const publish = afterLeadingWord(text, ['发布政策', '推送政策', '送政策']);
  if (publish !== null) return parsePublish(publish.rest);
  const report = afterLeadingWord(text, ['政策']);
  if (report !== null) {
    const n = policyNumber(report.rest);
    if (n !== null) return parsed({ name: 'policyReport', number: n });
    if (report.rest === '') return incomplete('policyReport', ['number']);
  }
  const consult = afterLeadingWord(text, ['咨询政策', '政策咨询', '咨询']);
  if (consult !== null) {
    const m = /^(?:政策\s*)?(\d{1,6})\s*(?:号)?\s*/.exec(consult.rest);
    const question = tidy(m ? consult.rest.slice(m[0].length) : consult.rest);
    if (question === '') return incomplete('consultPolicy', ['question']);
    return parsed({ name: 'consultPolicy', number: m ? Number(m[1]) : null, question });
  }
  const session = afterLeadingWord(text, ['现场办公']);
  if (session !== null && session.rest !== '') return parseSession(session.rest, ctx.today);
  for (const [word, outcome] of OUTCOME_WORDS) {
    const hit = afterLeadingWord(text, [word]);
    if (hit !== null) return parseOutcome(outcome, hit.rest, ctx.today);
  }
  return null;
};
