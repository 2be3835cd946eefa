import { segment } from '../commands/understand/segmenter';

/** Places a full name starts with that a short name leaves out. */
const PLACE_PREFIX = /^(?:陕西省?|西安市?|中国)/;
/** Legal forms and the project marker a short name leaves out. */
const FORM_SUFFIX = /(?:股份有限公司|有限责任公司|有限公司|集团有限公司|集团公司|集团|公司|建设项目|项目)+$/;
/** A district, county or zone named at the start of a project's name (雁塔区…, 蓝田县…, 航天基地…). */
const DISTRICT_PREFIX = /^[\u4e00-\u9fa5]{1,4}?(?:新区|区|县|基地)(?=[\u4e00-\u9fa5]{4})/;

/** The shortest a short name may be (three characters match too much, see isAbbreviationOf). */
const MIN_LENGTH = 4;

/** A project's core name up to this long is its short name as it stands. */
const PROJECT_WHOLE = 8;

/**
 * 西安秦创智能装备有限公司 → 秦创智能; 西安长安半导体有限公司 → 长安半导体 (never 长安半导): the
 * name without its place and legal form, cut after whole words (jieba) once it reaches four
 * characters; `words` asks for more words, to tell two firms apart. A project unit loses its
 * district and 项目 and keeps its place and what is built: 曲江文化创意产业园二期项目 → 曲江产业园二期,
 * 雁塔区电子城片区棚户区改造项目 → 电子城棚户区改造 (never a half word like 区棚户区改造).
 */
export function deriveShortName(fullName: string, words = 0): string {
  const name = fullName.trim();
  const project = /项目$/.test(name);
  let core = name.replace(PLACE_PREFIX, '').replace(FORM_SUFFIX, '');
  // Two projects of the same name in different districts keep their districts to stay apart.
  if (project && words === 0) core = core.replace(DISTRICT_PREFIX, '');
  if (!core) return name;
  if (core.length <= MIN_LENGTH || (project && core.length <= PROJECT_WHOLE + (words > 0 ? 4 : 0)))
    return core;
  const parts = segment(core);
  if (project) return projectShortName(parts, words);
  let short = '';
  let taken = 0;
  for (const part of parts) {
    short += part;
    taken++;
    if (short.length >= MIN_LENGTH && taken > words) break;
  }
  return short;
}

/**
 * The leading place word — two characters at least; a one-character word that follows joins it
 * (汉城+湖, 曲江+池: jieba does not know local place names) — and the trailing words naming what is
 * built, three characters at least.
 */
function projectShortName(parts: string[], words: number): string {
  let head = 0;
  let headText = '';
  const joins = (next: string) => headText.length < 2 || headText.length + next.length <= 3;
  while (head < parts.length && (joins(parts[head]) || head <= words)) headText += parts[head++];
  let tail = parts.length;
  let tailText = '';
  while (tail > head && tailText.length < 3) tailText = parts[--tail] + tailText;
  return headText + tailText;
}

/**
 * Short names for a list of full names, each unique: where two would share one, both take more
 * whole words until they differ (a name that never differs keeps its full core name).
 */
export function uniqueShortNames(fullNames: readonly string[]): string[] {
  const extra = fullNames.map(() => 0);
  let names = fullNames.map((n) => deriveShortName(n));
  for (let round = 0; round < 6; round++) {
    const seen = new Map<string, number[]>();
    names.forEach((n, i) => seen.set(n, [...(seen.get(n) ?? []), i]));
    const clashes = [...seen.values()].filter((ids) => ids.length > 1).flat();
    if (clashes.length === 0) return names;
    for (const i of clashes) extra[i]++;
    names = fullNames.map((n, i) => deriveShortName(n, extra[i]));
  }
  return names;
}
