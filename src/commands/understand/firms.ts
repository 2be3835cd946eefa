import { matchEnterprises, type EnterpriseCandidate } from '../parser/enterprise-matcher';
import type { RosterIndex } from './roster-index';
import { segment } from './segmenter';

/** A firm found in a message: a roster firm (id) or a name to look up (id null). */
export interface FirmHit {
  id: string | null;
  /** The roster name, or the words as typed when not resolved. */
  name: string;
  how: 'name' | 'contact' | 'typo' | 'raw';
  index: number;
  length: number;
}

/** Words after which a firm's name tends to start: 去X, 给X打电话, 和X视频. */
const BEFORE_FIRM = new Set([
  '去',
  '到',
  '给',
  '和',
  '跟',
  '与',
  '同',
  '对',
  '帮',
  '在',
  '了',
  '趟',
  '找',
  '替',
]);
const RAW_FIRM_RE =
  /(?:去|到|给|和|跟|与|同|对|帮)了?([\u4e00-\u9fa5A-Za-z0-9]{2,16}?(?:股份有限公司|有限公司|公司|集团|工厂|厂))/g;
const SURE_TYPO = 0.6;

/** Picks the firm a word means: the sender's own first; an alias (刘总, 汉丰) only when it is one firm. */
function pick(ids: string[], alias: boolean, own: ReadonlySet<string>): string | null | undefined {
  const mine = ids.filter((id) => own.has(id));
  if (mine.length === 1) return mine[0];
  if (mine.length > 1) return null;
  if (ids.length === 1) return ids[0];
  return alias ? undefined : null;
}

/** Roster words in the text, found on token boundaries (a firm's name is one token once registered). */
function wordHits(text: string, index: RosterIndex, own: ReadonlySet<string>): FirmHit[] {
  const tokens = segment(text);
  const starts: number[] = [];
  let at = 0;
  for (const t of tokens) {
    starts.push(at);
    at += t.length;
  }
  const hits: FirmHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    let joined = '';
    let best: FirmHit | null = null;
    for (let j = i; j < tokens.length && joined.length < index.longest; j++) {
      joined += tokens[j];
      const entry = index.words.get(joined);
      if (!entry) continue;
      const id = pick(entry.ids, entry.alias, own);
      if (id === undefined) continue;
      // Another cadre's firm goes to the roster lookup by the words typed (or the firm a contact is of).
      const firm = id === null ? undefined : index.firms.get(id);
      const mine = id !== null && own.has(id);
      const typed = entry.via === 'contact' && firm ? (firm.shortName ?? firm.name) : joined;
      best = {
        id: mine ? id : null,
        name: mine && firm ? firm.name : typed,
        how: entry.via,
        index: starts[i],
        length: joined.length,
      };
    }
    if (best) {
      hits.push(best);
      while (i + 1 < tokens.length && starts[i + 1] < best.index + best.length) i++;
    }
  }
  return hits;
}

/** A typed or homophone form of one of the sender's own firms, tried after the words firms follow. */
function typoHit(text: string, index: RosterIndex, own: ReadonlySet<string>): FirmHit | null {
  const candidates: EnterpriseCandidate[] = [...own].flatMap((id) => {
    const f = index.firms.get(id);
    return f ? [{ id, name: f.name, shortName: f.shortName, creditCode: '', own: true }] : [];
  });
  if (candidates.length === 0) return null;
  const lengths = [...new Set(candidates.map((c) => (c.shortName ?? c.name).length))].filter((n) => n <= 8);
  const tokens = segment(text);
  let at = 0;
  let best: { hit: FirmHit; score: number } | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const start = at;
    at += tokens[i].length;
    if (i > 0 && !BEFORE_FIRM.has(tokens[i - 1])) continue;
    for (const n of lengths) {
      const window = text.slice(start, start + n);
      if (window.length < n || /[\s\p{P}]/u.test(window)) continue;
      const [m] = matchEnterprises(window, candidates);
      if (m && m.score >= SURE_TYPO && (!best || m.score > best.score)) {
        best = {
          score: m.score,
          hit: { id: m.candidate.id, name: m.candidate.name, how: 'typo', index: start, length: n },
        };
      }
    }
  }
  return best?.hit ?? null;
}

/**
 * The firms a message names, in order, once each: roster names, short names and contacts' names by token,
 * then a typo of an own firm, then a name ending like a firm (…公司) to look up in the roster.
 */
export function findFirms(text: string, index: RosterIndex, own: ReadonlySet<string>): FirmHit[] {
  let hits = wordHits(text, index, own);
  if (hits.length === 0) {
    const typo = typoHit(text, index, own);
    if (typo) hits = [typo];
  }
  if (hits.length === 0) {
    for (const m of text.matchAll(RAW_FIRM_RE)) {
      hits.push({
        id: null,
        name: m[1],
        how: 'raw',
        index: m.index + m[0].length - m[1].length,
        length: m[1].length,
      });
    }
  }
  // "陕鼓动力的刘总": a contact's title right after a firm's name is that firm's person, not another firm.
  hits = hits.filter((h, i) => {
    const before = hits[i - 1];
    if (h.how !== 'contact' || !before || before.how !== 'name') return true;
    const gap = text.slice(before.index + before.length, h.index);
    return !/^的?$/.test(gap);
  });
  const seen = new Set<string>();
  return hits.filter((h) => {
    const key = h.id ?? h.name;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
