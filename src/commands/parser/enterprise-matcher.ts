import { distance } from 'fastest-levenshtein';
import { isAbbreviationOf } from './abbreviation';
import { nameKey, syllablesOf } from './enterprise-search';

/** A firm the sender could mean; `own` marks the sender's own (paired or employing) firms. */
export interface EnterpriseCandidate {
  id: string;
  name: string;
  shortName: string | null;
  creditCode: string;
  own: boolean;
  /** The names' pinyin syllables when the caller has them stored; computed (and cached) otherwise. */
  syllables?: { name: string[]; shortName: string[] | null };
}

export interface EnterpriseMatch {
  candidate: EnterpriseCandidate;
  /** 1 for an exact name, short name or credit code; lower for substring, typo and homophone matches. */
  score: number;
  how: 'exact' | 'substring' | 'abbreviation' | 'typo' | 'homophone';
}

/** Below this a match is not shown at all: one wrong character in four still passes, two do not. */
const MIN_SCORE = 0.5;
const FUZZY_WEIGHT = 0.75;

const clean = nameKey;

/**
 * Firm names recur on every lookup and pinyin-pro is the slow part (about 40 µs a name), so their syllables
 * are remembered; the cap only guards against a runaway roster, it is far above any city's firm count.
 */
const SYLLABLE_CACHE_CAP = 50_000;
const syllableCache = new Map<string, string[]>();

/** Syllables of a text without tones; characters that are not Chinese stay as they are. */
function syllables(text: string): string[] {
  let found = syllableCache.get(text);
  if (found === undefined) {
    found = syllablesOf(text);
    if (syllableCache.size >= SYLLABLE_CACHE_CAP) syllableCache.clear();
    syllableCache.set(text, found);
  }
  return found;
}

/**
 * Edit distance between `query` and its best-fitting window of `target`: a short name typed with a typo
 * should match inside a long registered name.
 */
function windowDistance(query: string, target: string): number {
  if (target.length <= query.length) return distance(query, target);
  let best = Infinity;
  for (let i = 0; i + query.length <= target.length; i++) {
    best = Math.min(best, distance(query, target.slice(i, i + query.length)));
  }
  return best;
}

/** 1 minus the best window's edit distance per query token; tokens (chars or syllables) become one char each. */
function similarity(query: string[], target: string[]): number {
  const codes = new Map<string, string>();
  const encode = (tokens: string[]): string =>
    tokens
      .map((t) => {
        if (!codes.has(t)) codes.set(t, String.fromCharCode(0xe000 + codes.size));
        return codes.get(t);
      })
      .join('');
  return 1 - windowDistance(encode(query), encode(target)) / query.length;
}

function scoreOne(
  query: string,
  queryPinyin: string[],
  c: EnterpriseCandidate,
): Omit<EnterpriseMatch, 'candidate'> | null {
  const names = [c.name, c.shortName].filter((n): n is string => n !== null && n !== '').map(clean);
  if (names.includes(query) || clean(c.creditCode) === query) return { score: 1, how: 'exact' };
  const contained = names.filter((n) => n.includes(query) || query.includes(n));
  if (contained.length > 0) {
    // The more of the name the query covers, the likelier it is this firm and not a namesake.
    const coverage = Math.max(
      ...contained.map((n) => Math.min(n.length, query.length) / Math.max(n.length, query.length)),
    );
    return { score: 0.8 + 0.1 * coverage, how: 'substring' };
  }
  if (names.some((n) => isAbbreviationOf(query, n))) return { score: 0.75, how: 'abbreviation' };
  const typo = Math.max(...names.map((n) => similarity([...query], [...n])));
  const stored = c.syllables === undefined ? [] : [c.syllables.name, c.syllables.shortName];
  const pinyins = stored.length > 0 ? stored.filter((s): s is string[] => s !== null) : names.map(syllables);
  const homophone = Math.max(...pinyins.map((s) => similarity(queryPinyin, s))) * 0.95;
  const score = FUZZY_WEIGHT * Math.max(typo, homophone);
  if (score < MIN_SCORE) return null;
  return { score, how: homophone > typo ? 'homophone' : 'typo' };
}

/**
 * Ranks the firms a typed name could mean: exact name, short name or credit code first, then substrings,
 * then abbreviations (曲江文旅 for 曲江文化旅游), then typos (edit distance) and homophones (pinyin: 曲江闻旅 for 曲江文旅); the sender's own firms first
 * among equal scores. Empty when nothing is close.
 */
export function matchEnterprises(query: string, candidates: EnterpriseCandidate[]): EnterpriseMatch[] {
  const q = clean(query);
  if (q.length < 2) return [];
  const queryPinyin = syllables(q);
  const matches: EnterpriseMatch[] = [];
  for (const candidate of candidates) {
    const m = scoreOne(q, queryPinyin, candidate);
    if (m !== null) matches.push({ candidate, score: Math.round(m.score * 1000) / 1000, how: m.how });
  }
  return matches.sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.candidate.own) - Number(a.candidate.own) ||
      a.candidate.name.localeCompare(b.candidate.name, 'zh'),
  );
}
