import type { zh } from 'chrono-node';
import { onFirstUse } from '../../lib/on-first-use';
import type { IsoDate } from '../../lib/time';
import { makeDate, partsOf } from './calendar';
import { DATE_RULES, NO_SUCH_DAY } from './date-rules';
import { foldWidth } from './text';

/** A date found in a message: where it was said and the calendar date it means. */
export interface ResolvedDate {
  /** Null when the words name a day that does not exist (2月30日): the sender should say it again. */
  date: IsoDate | null;
  /** The words it was read from, including a trailing time of day (昨天下午3点). */
  text: string;
  index: number;
}

/** A time of day says nothing about the date: swallowed after a date, and no date on its own. */
const TIME_OF_DAY =
  /^\s*(?:上午|下午|中午|晚上|傍晚|早上|早晨|凌晨|夜里|白天)?\s*(?:\d{1,2}\s*[点:：时]\s*(?:\d{1,2}\s*分?|半)?)?/;

/** Characters without which chrono finds no day; it is asked only when the own rules found none. */
const MAY_HOLD_DATE_RE = /[天日号月周年晚早晨夜宵]|星期|礼拜/;

interface Candidate {
  date: IsoDate | null;
  index: number;
  length: number;
}

/** The rules' patterns compiled once as global ones (compiling them per message cost ≈ 0.4 ms). */
const GLOBAL_RULES = DATE_RULES.map((rule) => ({ rule, all: new RegExp(rule.pattern.source, 'g') }));

function ruleCandidates(text: string, today: IsoDate): Candidate[] {
  const found: Candidate[] = [];
  for (const { rule, all } of GLOBAL_RULES) {
    // matchAll copies the regex, so the shared one keeps no lastIndex between calls.
    for (const m of text.matchAll(all)) {
      const result = rule.resolve(m, today);
      if (result === null) continue;
      found.push({ date: result === NO_SUCH_DAY ? null : result, index: m.index, length: m[0].length });
    }
  }
  return found;
}

/**
 * chrono's simplified-Chinese locale (the very module chrono.zh.hans is), loaded when a message first
 * needs it (most dates are the own rules'), and only it: the package's index loads every locale, ≈ 4×
 * the time.
 */
const hans = onFirstUse(
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, synchronously
  () => require('chrono-node/zh/hans') as typeof zh.hans,
);

/**
 * chrono's zh.hans parsers work in the process's zone: it gets a reference at local noon of today and only
 * calendar components are read back, so the result does not depend on TZ. Only results with a stated day
 * count, and no bare time of day ("晚上", "下午3点" would otherwise read as today).
 */
function chronoCandidates(text: string, today: IsoDate): Candidate[] {
  const { year, month, day } = partsOf(today);
  const reference = new Date(year, month - 1, day, 12);
  return hans()
    .parse(text, reference)
    .filter((r) => r.start.isCertain('day') && TIME_OF_DAY.exec(r.text)?.[0] !== r.text)
    .map((r) => {
      // chrono's patterns may start at the separator before the date ("，11月20日").
      const lead = /^[\s\p{P}]*/u.exec(r.text)?.[0].length ?? 0;
      const date = makeDate(
        r.start.get('year') ?? year,
        r.start.get('month') ?? month,
        r.start.get('day') ?? day,
      );
      return { date, index: r.index + lead, length: r.text.trimEnd().length - lead };
    });
}

/**
 * The first date said in a message, as the calendar date a person reporting something past means: weeks
 * start on Monday, a month-day or "20号" without a year is the latest one on or before `today`. Explicit
 * dates (这周日, 明天, 2026年12月1日) may still come out after `today`; the caller decides whether that is
 * allowed. Null when the text holds no date; `date` is null when it names a day that does not exist.
 */
export function resolvePastDate(text: string, today: IsoDate): ResolvedDate | null {
  // Width folding keeps indexes: every folded character is one UTF-16 unit, as before.
  const folded = foldWidth(text);
  // Own rules come first and win ties: they exist because chrono gets these shapes wrong.
  const own = ruleCandidates(folded, today);
  const candidates = own.length > 0 || !MAY_HOLD_DATE_RE.test(folded) ? own : chronoCandidates(folded, today);
  if (candidates.length === 0) return null;
  const first = candidates.reduce((best, c) => (c.index < best.index ? c : best));
  const tail = TIME_OF_DAY.exec(folded.slice(first.index + first.length))?.[0] ?? '';
  const length = first.length + tail.trimEnd().length;
  return { date: first.date, text: text.slice(first.index, first.index + length), index: first.index };
}
