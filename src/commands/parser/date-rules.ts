import type { IsoDate } from '../../lib/time';
import { addDays, mondayOf } from '../../lib/time';
import { latestDayOfMonth, latestMonthDay, makeDate, partsOf } from './calendar';
import { NUMBER_SOURCE, parseChineseNumber } from './chinese-number';

/** A date shape naming a day that does not exist (2月30日, 上个月31号 in May). */
export const NO_SUCH_DAY = 'no-such-day';

/** What a rule makes of a match: a date, NO_SUCH_DAY, or null when the match is no date after all (13.5). */
// NO_SUCH_DAY is a string like IsoDate, so the type cannot tell them apart: compare with the constant.
export type RuleResult = IsoDate | null;

/** One date shape chrono reads wrongly or not at all, with its resolution against today. */
export interface DateRule {
  pattern: RegExp;
  resolve(match: RegExpExecArray, today: IsoDate): RuleResult;
}

const isMonthDay = (month: number, day: number): boolean =>
  month >= 1 && month <= 12 && day >= 1 && day <= 31;

const WEEKDAY_INDEX: Record<string, number> = {
  一: 0,
  二: 1,
  三: 2,
  四: 3,
  五: 4,
  六: 5,
  日: 6,
  天: 6,
  末: 5,
  '1': 0,
  '2': 1,
  '3': 2,
  '4': 3,
  '5': 4,
  '6': 5,
  '7': 6,
};
const WEEK_OFFSET: Record<string, number> = { 上上: -2, 上: -1, 这: 0, 本: 0, 下: 1 };

/** Words for a place or a document that follow "3号" and are not dates (3号楼, 1号文件). */
const NOT_A_DAY_AFTER = '(?![楼线院门库厂车间地块栋房室仓口位文件机台窗号码])';

/** A month or a day: one or two digits, or a Chinese numeral up to 三十一. */
const SMALL = '\\d{1,2}|[一二三四五六七八九十]{1,3}';

const num = (text: string): number => parseChineseNumber(text) ?? NaN;

/**
 * How far ahead a month-day without a year may lie and still be this year's (a future date, refused or asked
 * about, never moved a year back): typed on 12-01, "12月6日" is this December. Further ahead it is last year's
 * ("12月28日" typed on 1月3日).
 */
const AHEAD_DAYS_THIS_YEAR = 62;

/** Resolves a month and day, with an optional year word, to the date a person talking about the past means. */
function monthDay(yearText: string | undefined, month: number, day: number, today: IsoDate): IsoDate | null {
  const thisYear = partsOf(today).year;
  if (yearText === undefined) {
    const sameYear = makeDate(thisYear, month, day);
    if (sameYear !== null && sameYear > today && sameYear <= addDays(today, AHEAD_DAYS_THIS_YEAR)) {
      return sameYear;
    }
    return latestMonthDay(month, day, today);
  }
  if (yearText === '去年') return makeDate(thisYear - 1, month, day);
  if (yearText === '今年') return makeDate(thisYear, month, day);
  const year = num(yearText);
  return makeDate(year < 100 ? 2000 + year : year, month, day);
}

/**
 * The rules that run before chrono. Weeks are Monday-first (chrono counts from Sunday); a month-day without
 * a year is the latest one not after today (chrono takes the current year, which in January is the future);
 * "20号", "11.20", "2026/11/20" and 上个月20号 chrono does not read at all.
 */
export const DATE_RULES: DateRule[] = [
  {
    // 今天, 昨天, 前天, 明天, 后天 and their short forms: the commonest words, read here so chrono (the slow
    // part, about 0.6 ms a message) runs only for what these rules do not know.
    pattern: /(?<!大)(今天|今日|今早|今晚|今晨|昨天|昨日|昨晚|昨早|前天|明天|明日|明早|明晚|后天)/,
    resolve(m, today) {
      const offsets: Record<string, number> = { 今: 0, 昨: -1, 前: -2, 明: 1, 后: 2 };
      return addDays(today, offsets[m[1][0]]);
    },
  },
  {
    // 前两天, 大前天, 三天前, 一周前, 两个星期前: counted back from today.
    pattern: new RegExp(`(大前天|前两天|前几天|(${NUMBER_SOURCE})\\s*(?:个)?(天|日|周|星期|礼拜)(?:以)?前)`),
    resolve(m, today) {
      if (m[1] === '大前天') return addDays(today, -3);
      if (m[1] === '前两天' || m[1] === '前几天') return addDays(today, -2);
      const n = num(m[2]);
      if (!Number.isInteger(n) || n < 1 || n > 400) return null;
      return addDays(today, m[3] === '天' || m[3] === '日' ? -n : -7 * n);
    },
  },
  {
    // 本月初, 月初, 上月底, 上个月底, 上月末: the first of this month or the last of the previous one.
    pattern: /(本月初|这个?月初|月初|上个?月(?:底|末))/,
    resolve(m, today) {
      const { year, month } = partsOf(today);
      const first = makeDate(year, month, 1) as IsoDate;
      return m[1].startsWith('上') ? addDays(first, -1) : first;
    },
  },
  {
    // 上周三, 这周日, 下个星期一, 上礼拜五, 周六; not 每周三 (a habit, not a date).
    pattern: /(?<!每)(上上|上|这|本|下)?个?(?:周|星期|礼拜)([一二三四五六日天末1-7])/,
    resolve(m, today) {
      const day = WEEKDAY_INDEX[m[2]];
      const thisWeek = addDays(mondayOf(today), day);
      if (m[1] === undefined) return thisWeek <= today ? thisWeek : addDays(thisWeek, -7);
      return addDays(thisWeek, 7 * WEEK_OFFSET[m[1]]);
    },
  },
  {
    // 2026-11-20, 2026/11/20, 2026.11.20, 2026年11月20日, 二〇二六年十一月二十日, 去年12月28日, 12月28号.
    pattern: new RegExp(
      `(?<!\\d)(?:(\\d{4}|\\d{2}|[〇零一二三四五六七八九]{4})[-/.年]|(去年|今年))?` +
        `(${SMALL})(?:月份?|[-/.](?=\\d))(${SMALL})[日号]?(?![\\d万元%个人倍岁亿千百吨米亩])`,
    ),
    resolve(m, today) {
      const [month, day] = [num(m[3]), num(m[4])];
      if (!isMonthDay(month, day)) return null;
      return monthDay(m[1] ?? m[2], month, day, today) ?? NO_SUCH_DAY;
    },
  },
  {
    // 上个月20号, 上月20日, 本月3号, 这个月5日.
    pattern: new RegExp(`(上个?月|本月|这个?月)(${NUMBER_SOURCE})[日号]${NOT_A_DAY_AFTER}`),
    resolve(m, today) {
      const day = num(m[2]);
      if (!isMonthDay(1, day)) return null;
      const { year, month } = partsOf(today);
      const firstOfMonth = makeDate(year, month, 1) as IsoDate;
      // The day before the 1st is in last month.
      const inMonth = partsOf(m[1].startsWith('上') ? addDays(firstOfMonth, -1) : firstOfMonth);
      return makeDate(inMonth.year, inMonth.month, day) ?? NO_SUCH_DAY;
    },
  },
  {
    // 20号, 二十日: the latest past-or-today date with that day of the month.
    pattern: new RegExp(`(?<![\\d月零〇一二两三四五六七八九十])(${NUMBER_SOURCE})[号日]${NOT_A_DAY_AFTER}`),
    resolve: (m, today) => latestDayOfMonth(num(m[1]), today),
  },
];
