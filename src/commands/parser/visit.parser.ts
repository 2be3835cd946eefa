import type { VisitMethod } from '../../entities/enums';
import { formatDateZh } from '../../lib/time';
import { sameFirm, splitFirm, startsWithActivity } from './firm-split';
import { resolvePastDate } from './past-date';
import { actsForNamedFirms } from './roles';
import { incomplete, parsed, refused } from './results';
import { cutSpan, splitChunks, tidy } from './text';
import type { CommandParser, ParseContext, ParseResult } from './types';
import { methodOf, VISIT_MARK_RE, VISIT_OPENING_RE, VISIT_WORD_RE } from './visit-words';

/** "发现问题：…", "问题：…", "反映：…": everything after the first such marker is the problem found. */
const PROBLEM_MARK_RE =
  /(?:发现问题|存在问题|企业反映|反映问题|问题|反映|诉求|困难)\s*[:：]|(?<!没有?|未|无)(?:发现问题|存在问题)|企业反映/;

/** What follows a problem marker but says there is none ("企业反映目前经营正常，暂无困难"): it stays summary. */
export const NO_PROBLEM_RE =
  /^[，,。\s]*$|暂(?:时)?(?:无|没有)(?:困难|问题|诉求)|没有(?:发现)?(?:什么)?(?:问题|困难)|无(?:问题|困难)|(?:经营|生产|一切)(?:情况)?(?:正常|良好)/;

/**
 * Little words around a firm's name in a sentence: 电话联系了X, 去X走访, 和X负责人座谈, 对X进行走访. A firm
 * whose name starts with 和 or 同 loses a character here; the matcher still finds it by substring.
 */
const FILLER_HEAD_RE = /^(?:了(?!解)|到|去|赴|前往|来到|与|和|同|跟|对|给)+/;
const FILLER_TAIL_RE =
  /(?:的?(?:相关|主要)?(?:负责人|负责同志|老总|总经理|董事长|厂长|经理)|进行|开展|了|一下|一次)+$/;

/**
 * Whether a message is a visit: it opens with a visit or method word (after a date, maybe), or, from someone
 * who registers visits, it names a date and a visit word anywhere ("昨天去曲江文旅走访了"). From an enterprise
 * contact that loose form is a remark about a visit ("昨天干部上门了，很满意"), not a command.
 */
function looksLikeVisit(text: string, ctx: ParseContext): boolean {
  const date = resolvePastDate(text, ctx.today);
  const opening = date !== null && date.index === 0 ? tidy(text.slice(date.text.length)) : text;
  if (VISIT_OPENING_RE.test(opening)) return true;
  return actsForNamedFirms(ctx.roles) && date !== null && VISIT_MARK_RE.test(text);
}

/** Removes visit verbs and method words from a chunk, reporting the first method named. */
function stripVisitWords(chunk: string): { text: string; method: VisitMethod | null } {
  let method: VisitMethod | null = null;
  const text = chunk.replace(VISIT_WORD_RE, (word) => {
    method ??= methodOf(word);
    return '';
  });
  return { text: text.replace(FILLER_HEAD_RE, '').replace(FILLER_TAIL_RE, ''), method };
}

/**
 * A visit word opening a later chunk (a lone "座谈", "上门了解…") says how and is not summary; one followed by
 * anything but an activity verb is ordinary text ("电话费补贴").
 */
function takeLeadingVisitWord(chunk: string): { text: string; method: VisitMethod | null } {
  const lead = VISIT_OPENING_RE.exec(chunk);
  if (lead === null) return { text: chunk, method: null };
  const rest = chunk.slice(lead[0].length);
  const method = methodOf(lead[0]);
  if (/^(?:了|过|一下|一次)?$/.test(rest)) return { text: '', method };
  return startsWithActivity(rest) ? { text: rest, method } : { text: chunk, method: null };
}

function futureDate(date: string, today: string): ParseResult {
  return refused(
    'visit',
    'future_date',
    `走访日期不能晚于今天（${formatDateZh(today)}），您写的日期是${formatDateZh(date)}。`,
  );
}

/**
 * 登记走访 in free word order. The problem marker, the date and standalone method words are taken out first;
 * the first chunk left is the firm (split at an activity verb when typed without a space), the rest the summary.
 */
export const parseVisit: CommandParser = (text: string, ctx: ParseContext) => {
  if (!looksLikeVisit(text, ctx)) return null;
  let body = text;
  const marked = PROBLEM_MARK_RE.exec(body);
  const found = marked === null ? '' : tidy(body.slice(marked.index + marked[0].length));
  // "没有发现问题", "暂无困难" are notes, kept whole in the summary, not problems.
  const mark = marked !== null && !NO_PROBLEM_RE.test(found) ? marked : null;
  const problem = mark === null ? '' : found;
  if (mark !== null) body = body.slice(0, mark.index);

  const said = resolvePastDate(body, ctx.today);
  if (said !== null && said.date === null) {
    return refused('visit', 'invalid_date', `“${said.text}”这一天不存在，请重新写走访日期。`);
  }
  if (said !== null) body = cutSpan(body, said.index, said.text.length);
  const date = said?.date ?? ctx.today;
  if (date > ctx.today) return futureDate(date, ctx.today);

  let method: VisitMethod | null = null;
  let firm: string | null = null;
  const summary: string[] = [];
  // After the firm: a visit word opening a piece is no summary when it is all there is or names the method.
  const addLater = (piece: string): void => {
    const lead = takeLeadingVisitWord(piece);
    if (lead.text === '' || (lead.method !== null && method === null)) {
      method ??= lead.method;
      if (lead.text !== '') summary.push(lead.text);
    } else {
      summary.push(piece);
    }
  };
  for (const chunk of splitChunks(body)) {
    if (firm !== null || summary.length > 0 || startsWithActivity(chunk)) {
      addLater(chunk);
      continue;
    }
    const split = splitFirm(chunk);
    const head = stripVisitWords(split.firm);
    method ??= head.method;
    if (head.text !== '') firm = head.text;
    if (split.rest !== '') addLater(split.rest);
  }

  const group = ctx.groupEnterprise;
  if (group === null && firm === null) return incomplete('visit', ['enterprise']);
  // In an enterprise group the firm is the group's: a typed name that is not it starts the summary.
  if (group !== null && firm !== null && !sameFirm(firm, group.name)) summary.unshift(firm);

  return parsed({
    name: 'visit',
    enterprise: group === null ? firm : null,
    enterpriseId: group?.id ?? null,
    date,
    dateText: said?.text ?? null,
    method: method ?? 'onsite',
    summary: summary.join('，'),
    problem: problem === '' ? null : problem,
  });
};
