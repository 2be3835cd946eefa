import type { VisitMethod } from '../../entities/enums';
import type { IsoDate } from '../../lib/time';
import { parseCommand } from '../parser/parse-command';
import { resolvePastDate } from '../parser/past-date';
import { takeProblemCode } from '../parser/problem-code';
import { incomplete, parsed } from '../parser/results';
import { actsForNamedFirms } from '../parser/roles';
import type { Command, ParseResult, ReportCommand, VisitCommand } from '../parser/types';
import { tidy } from '../parser/text';
import { guessCategory } from './category';
import { visitEcho } from './echo';
import { findFirms, type FirmHit } from './firms';
import {
  CHITCHAT_RE,
  DID_NOT_HAPPEN_RE,
  METHOD_LEXICON,
  METHOD_RE,
  NEGATED_METHOD_RE,
  NO_PROBLEM_NOTE_RE,
  PAST_STATEMENT_RE,
  PLAN_RE,
  PLANNED_CONTACT_RE,
  PROBLEM_CUE_RE,
  QUESTION_RE,
  REPORT_WORD_RE,
  VISIT_CUE_RE,
} from './lexicon';
import { normalizeMessage } from './normalize';
import { readIntentWords } from './intent-words';
import type { Intent, Reading, UnderstandContext } from './types';

const CONFIRM_HINT = '回复 1 确认，回复“取消”放弃。';

const reading = (intent: Intent, result: ParseResult | null, extra: Partial<Reading> = {}): Reading => ({
  intent,
  sure: true,
  result,
  firms: [],
  problems: [],
  question: null,
  ...extra,
});
const none = (): Reading => reading('none', null);

/** A report's reading: several problems in one message ask whether to register them one by one. */
function reportReading(command: ReportCommand, firms: FirmHit[], problems: string[]): Reading {
  if (problems.length <= 1) return reading('report', parsed(command), { firms });
  const list = problems.map((p, i) => `${i + 1}. ${p}`).join('\n');
  return reading('report', parsed(command), {
    firms,
    problems,
    sure: false,
    question: `这条消息里有${problems.length}个问题：\n${list}\n回复 1 分别登记为${problems.length}个问题，回复 2 作为一个问题登记，回复“取消”放弃。`,
  });
}

/** The method a sentence names, after the methods it denies ("没去现场，电话沟通的" → phone). */
export function methodIn(text: string): VisitMethod | null {
  const kept = text.replace(NEGATED_METHOD_RE, ' ');
  let best: { word: string; at: number } | null = null;
  for (const m of kept.matchAll(METHOD_RE)) {
    const method = METHOD_LEXICON[m[0]];
    // A specific channel (电话, 视频, 座谈) outranks the plain "went there" words.
    const plain = method === 'onsite' && !/上门|现场|实地/.test(m[0]);
    if (
      best === null ||
      (!plain && METHOD_LEXICON[best.word] === 'onsite' && !/上门|现场|实地/.test(best.word))
    ) {
      best = { word: m[0], at: m.index };
    }
  }
  return best === null ? null : METHOD_LEXICON[best.word];
}

/** "一是…，二是…", "1、…2、…", "两个问题：…": the problems of a report that names several. */
export function splitProblems(text: string): string[] {
  const parts = text
    .split(/[一二三四][是则、]|(?:^|[，,；;。\s])[1-4][、.．)）]|；|;/)
    .map((p) => tidy(p.replace(/^.*(?:两|几|三)个问题[:：，,]?/, '')))
    .filter((p) => p.length >= 2);
  return /[一二][是则].+[二三][是则]|[1１][、.．].+[2２][、.．]|；|;|(?:两|三|几)个问题/.test(text) &&
    parts.length >= 2
    ? parts
    : [];
}

/** The firms of a visit or report sentence: the group's firm when in one, else those named, else none. */
function firmsOf(text: string, ctx: UnderstandContext): FirmHit[] {
  const named = findFirms(text, ctx.roster, ctx.ownFirmIds);
  const group = ctx.groupEnterprise ?? (actsForNamedFirms(ctx.roles) ? null : ctx.employer);
  if (group !== null) {
    const other = named.filter((f) => f.id !== group.id);
    // In a firm's group (or from its contact) the firm is that one; a cadre may still name another.
    if (other.length > 0 && actsForNamedFirms(ctx.roles)) return other;
    return [{ id: group.id, name: group.name, how: 'name', index: -1, length: 0 }];
  }
  return named;
}

const TODAY_WORDS_RE = /今天|今早|上午|下午|中午|晚上|早上|傍晚|刚才|刚刚|^刚|刚和|刚跟|刚去|刚给/;

/** Whether the date words clearly say the past (昨天, 上周五, 11月20日), not a weekday that may be ahead. */
function isPastDate(dateText: string | null, date: IsoDate, today: IsoDate): boolean {
  return (
    dateText !== null &&
    date < today &&
    /^(?:上|前|昨|大前|去年|\d|[一二三四五六七八九十]+(?:月|天|周))/.test(dateText)
  );
}

/** A visit read from a sentence, or null when it is no visit. */
function visitFromSentence(text: string, ctx: UnderstandContext): Reading | null {
  if (!actsForNamedFirms(ctx.roles) || QUESTION_RE.test(text)) return null;
  const firms = firmsOf(text, ctx);
  if (firms.length === 0) return null;
  const said = resolvePastDate(text, ctx.today);
  if (said !== null && said.date === null) return null;
  const date = said?.date ?? ctx.today;
  if (DID_NOT_HAPPEN_RE.test(text)) return none();
  // A plan word with no date, or with one not clearly past (周末约了…), is a plan.
  const pastDate = isPastDate(said?.text ?? null, date, ctx.today);
  const planned = date > ctx.today || (PLAN_RE.test(text) && !pastDate);
  if (planned && PLANNED_CONTACT_RE.test(text)) return reading('future', null, { firms });
  const method = methodIn(text);
  // "去秦创智能，…": going to the firm is the visit even without 了.
  const goesTo = firms.some((f) => f.index > 0 && /[去到]$/.test(text.slice(0, f.index)));
  if (method === null && !VISIT_CUE_RE.test(text) && !goesTo) return null;
  const problemAt = /(?:企业|他们|对方)?(?:反映|发现)(?:问题)?[:：]?/.exec(text);
  const problemText = problemAt ? tidy(text.slice(problemAt.index + problemAt[0].length)) : '';
  const problem = problemText !== '' && !NO_PROBLEM_NOTE_RE.test(problemText) ? problemText : null;
  const summary = tidy(
    said ? `${text.slice(0, said.index)} ${text.slice(said.index + said.text.length)}` : text,
  );
  const command = (f: FirmHit): VisitCommand => ({
    name: 'visit',
    enterprise: f.id === null ? f.name : f.id === ctx.groupEnterprise?.id ? null : f.name,
    enterpriseId: f.id,
    date,
    dateText: said?.text ?? null,
    method: method ?? 'onsite',
    summary: problem && problemAt ? tidy(text.slice(0, problemAt.index)) : summary,
    problem,
  });
  const sureDate = said !== null || TODAY_WORDS_RE.test(text) || PAST_STATEMENT_RE.test(text);
  const sure = firms.length === 1 && sureDate && firms[0].how !== 'raw';
  const first = command(firms[0]);
  const question = sure
    ? null
    : `是要登记${visitEcho(
        date,
        first.method,
        firms.map((f) => f.name),
        ctx.today,
      )}` + `${firms.length > 1 ? `（${firms.length}家，分别登记）` : ''}吗？${CONFIRM_HINT}`;
  return reading('visit', parsed(first), { firms, sure, question });
}

/** The words asking for a report, cut from its description ("帮忙反映一下"). */
const REPORT_WORDS_CUT_RE =
  /(?:帮忙|麻烦)?(?:帮我们?)?(?:给)?(?:报个问题|问题上报|反映问题|上报问题|报一下|反映一下|报下|反映)[:：]?(?:一下)?|我来报一下|我要反映个?问题[，,：:]?|(?:帮忙|麻烦)(?:协调|解决)(?:一下)?/g;

/** A report read from a sentence, or null when the sentence names no problem. */
function reportFromSentence(text: string, ctx: UnderstandContext): Reading | null {
  const asked = REPORT_WORD_RE.test(text);
  if (QUESTION_RE.test(text) && !asked) return null;
  if (!asked && !PROBLEM_CUE_RE.test(text) && guessCategory(text, ctx.categories) === null) return null;
  if (NO_PROBLEM_NOTE_RE.test(text) && !asked) return null;
  const firms = firmsOf(text, ctx);
  const speaksForFirm = firms.length > 0;
  if (!speaksForFirm && !asked) return null;
  const description = tidy(text.replace(REPORT_WORDS_CUT_RE, ' '));
  const problems = splitProblems(description);
  const firm = firms[0] ?? null;
  const command: ReportCommand = {
    name: 'report',
    enterprise: firm?.id === null ? firm.name : (firm?.name ?? null),
    enterpriseId: firm?.id ?? null,
    category: problems.length > 1 ? null : guessCategory(description, ctx.categories),
    kind: /诉求|建议|希望/.test(text) && !/问题/.test(text) ? 'request' : 'problem',
    description,
  };
  if (firm === null) {
    return reading('report', incomplete('report', ['enterprise'], command), { sure: false });
  }
  return reportReading(command, firms, problems);
}

/** Post-processing of what the command parser read: several firms, sentence methods, future dates. */
function refineCommand(result: ParseResult, text: string, ctx: UnderstandContext): Reading {
  const name = result.ok ? result.command.name : result.command;
  if (name === null) return none();
  if (!result.ok) {
    if ('missing' in result && name === 'visit' && result.missing.includes('enterprise')) {
      const sentence = visitFromSentence(text, ctx);
      if (sentence && sentence.intent === 'visit') return sentence;
    }
    if ('error' in result && result.error === 'future_date') return reading('future', result);
    return reading(name, result, { sure: false });
  }
  const command = result.command;
  if (command.name === 'visit') {
    // The loose visit form ("今天给X打电话") may still be a plan or a contact that did not happen.
    if (DID_NOT_HAPPEN_RE.test(text)) return none();
    if (
      PLAN_RE.test(text) &&
      !/^(?:登记走访|走访登记)/.test(text) &&
      !isPastDate(command.dateText, command.date, ctx.today)
    ) {
      return reading('future', null);
    }
    const firms = firmsOf(text, ctx);
    const method = methodIn(text) ?? command.method;
    const typedFirm = command.enterprise;
    const resolved = firms.length > 0 && (command.enterpriseId === null || firms.length > 1) ? firms : [];
    const visit: VisitCommand = {
      ...command,
      method,
      enterprise: resolved.length > 0 && resolved[0].id === null ? resolved[0].name : typedFirm,
      enterpriseId: resolved.length > 0 ? resolved[0].id : command.enterpriseId,
    };
    if (resolved.length > 1) {
      const question =
        `是要登记${visitEcho(
          visit.date,
          method,
          resolved.map((f) => f.name),
          ctx.today,
        )}` + `（${resolved.length}家，分别登记）吗？${CONFIRM_HINT}`;
      return reading('visit', parsed(visit), { firms: resolved, sure: false, question });
    }
    const firm: FirmHit[] =
      resolved.length === 1
        ? resolved
        : [
            {
              id: visit.enterpriseId,
              name: visit.enterprise ?? ctx.groupEnterprise?.name ?? '',
              how: 'raw',
              index: -1,
              length: 0,
            },
          ];
    return reading('visit', parsed(visit), { firms: firm });
  }
  if (command.name === 'report') {
    const firms = firmsOf(text, ctx);
    const problems = splitProblems(command.description);
    const report: ReportCommand = {
      ...command,
      category:
        command.category ?? (problems.length > 1 ? null : guessCategory(command.description, ctx.categories)),
    };
    return reportReading(report, firms, problems);
  }
  return reading(command.name, result);
}

/** Answers to what the bot just asked: a yes, a number, an item's words, a verdict. */
function answerToQuestion(text: string, ctx: UnderstandContext): Reading | null {
  if (ctx.asked === 'confirm') {
    if (/^(?:不|否|2$|错|取消|算了|别)/.test(text)) return reading('cancel', parsed({ name: 'cancel' }));
    if (/^(?:1|是|对|确认|好|没错|嗯|可以|行|ok|OK|登记吧?|没问题)/.test(text)) return reading('yes', null);
  }
  if (ctx.asked === 'choice') {
    const n = /^第?\s*(\d{1,2}|[一二三四五六七八九十])\s*(?:个|项|号|家|条)?[。.]?$/.exec(text);
    if (n) {
      const index = Number(n[1]) || '一二三四五六七八九十'.indexOf(n[1]) + 1;
      return reading('choice', parsed({ name: 'choice', index }));
    }
    const at = ctx.choices.findIndex((c) => text.length >= 2 && (c.includes(text) || text.includes(c)));
    if (at >= 0) return reading('choice', parsed({ name: 'choice', index: at + 1 }));
  }
  return null;
}

/**
 * Reads one message: normalise → context answers → the command parser (command-shaped messages) → entities
 * and intent cues for sentences. Pure: the roster, the conversation and today come in the context.
 */
export function understand(raw: string, ctx: UnderstandContext): Reading {
  // A lone filler ("嗯") may still answer a question.
  const text = normalizeMessage(raw) || raw.trim();
  if (text === '') return none();
  const answer = answerToQuestion(text, ctx);
  if (answer) return answer;
  const { code } = takeProblemCode(text);
  if (/撤销/.test(text) && code === null && !/问题|诉求/.test(text)) return reading('undo', null);

  const words = readIntentWords(text, ctx, code);
  if (words) return words;

  const result = parseCommand(text, ctx);
  if (!('unknown' in result)) return refineCommand(result, text, ctx);

  if (CHITCHAT_RE.test(text)) return none();
  const visit = visitFromSentence(text, ctx);
  const report = reportFromSentence(text, ctx);
  if (visit && (!report || !REPORT_WORD_RE.test(text) || visit.intent !== 'visit')) return visit;
  if (report) return report;
  return none();
}

export type { Command, IsoDate };
