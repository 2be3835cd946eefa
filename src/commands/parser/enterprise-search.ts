import type { pinyin as Pinyin } from 'pinyin-pro';
import { onFirstUse } from '../../lib/on-first-use';
import { foldWidth } from './text';

/** How a typed or registered firm name is compared: width folded, no whitespace, upper case. */
export const nameKey = (text: string): string => foldWidth(text).replace(/\s+/g, '').toUpperCase();

/** pinyin-pro (one file with its dictionary), loaded when a name is first spelled, not with the parser. */
const pinyin = onFirstUse(
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, synchronously
  () => (require('pinyin-pro') as { pinyin: typeof Pinyin }).pinyin,
);

/** Syllables of a text without tones, lower case; characters that are not Chinese stay one token each. */
export const syllablesOf = (text: string): string[] =>
  pinyin()(text, { toneType: 'none', type: 'array' }).map((s) => s.toLowerCase());

/** Adjacent pairs of tokens, each written as one word (曲江 江文 … / qujiang jiangwen …). */
function pairs(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(tokens[i] + tokens[i + 1]);
  return out;
}

/** CJK Extension A: ideographs (so pg_trgm counts them as word characters) that firm names hardly use. */
const SYLLABLE_BASE = 0x3400;
const SYLLABLE_RANGE = 0x4dbf - 0x3400 + 1;

/**
 * One ideograph standing for a syllable (FNV-1a hash into Extension A). Spelled out, pinyin shares its
 * inner trigrams (ian, ang, eng) with nearly every firm; as one character per syllable a homophone pair
 * is as selective as a character pair.
 */
function syllableChar(syllable: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < syllable.length; i++) h = Math.imul(h ^ syllable.charCodeAt(i), 0x01000193);
  return String.fromCharCode(SYLLABLE_BASE + ((h >>> 0) % SYLLABLE_RANGE));
}

/**
 * The text the trigram index searches: every pair of adjacent characters and of adjacent syllables (one
 * stand-in character each) as its own word. Trigrams of Chinese names barely overlap (three characters in
 * a row), pairs do: a typo, a homophone or an abbreviation keeps most of them (曲江闻旅 shares 曲江 and the
 * pairs of qu jiang wen lü with 曲江文旅), so `word_similarity` over this text finds the few firms worth scoring.
 */
export function searchText(keys: string[], syllables: string[][]): string {
  const words = new Set<string>();
  keys.forEach((k) => pairs([...k]).forEach((w) => words.add(w)));
  syllables.forEach((s) => pairs(s.map(syllableChar)).forEach((w) => words.add(w)));
  return [...words].join(' ');
}

/** The stored search columns of a firm, computed on import (and for any row stored without them). */
export interface EnterpriseSearchColumns {
  nameKey: string;
  shortKey: string | null;
  nameSyllables: string;
  shortSyllables: string | null;
  searchText: string;
}

/**
 * What nearly every firm's name starts or ends with (the city, the legal form): left out of the search
 * text, where it would only make every firm a candidate and every comparison longer.
 */
const PREFIX = /^(?:陕西省|陕西|西安市|西安)/;
const SUFFIX = /(?:[（(]集团[）)])?(?:股份有限公司|有限责任公司|集团有限公司|有限公司|公司)$/;

/** The key without its boilerplate, as a character range (the whole key when nothing else is left). */
function coreRange(key: string): [number, number] {
  const chars = [...key];
  const start = [...(PREFIX.exec(key)?.[0] ?? '')].length;
  const end = chars.length - [...(SUFFIX.exec(key)?.[0] ?? '')].length;
  return start < end ? [start, end] : [0, chars.length];
}

/** Core characters and their syllables, sliced from the whole key's syllables when they line up. */
function core(key: string, syllables: string[]): { text: string; syllables: string[] } {
  const [start, end] = coreRange(key);
  const text = [...key].slice(start, end).join('');
  const aligned = syllables.length === [...key].length;
  return { text, syllables: aligned ? syllables.slice(start, end) : syllablesOf(text) };
}

export function enterpriseSearchColumns(name: string, shortName: string | null): EnterpriseSearchColumns {
  const nk = nameKey(name);
  const sk = shortName === null || nameKey(shortName) === '' ? null : nameKey(shortName);
  const ns = syllablesOf(nk);
  const ss = sk === null ? null : syllablesOf(sk);
  const cores = [core(nk, ns), ...(sk === null || ss === null ? [] : [core(sk, ss)])];
  return {
    nameKey: nk,
    shortKey: sk,
    nameSyllables: ns.join(' '),
    shortSyllables: ss === null ? null : ss.join(' '),
    searchText: searchText(
      cores.map((c) => c.text),
      cores.map((c) => c.syllables),
    ),
  };
}

/** The search text for what a person typed, with the same boilerplate left out. */
export function querySearchText(key: string): string {
  const c = core(key, syllablesOf(key));
  return searchText([c.text], [c.syllables]);
}

/** Every substring of at least two characters: the registered names a longer typed text could contain. */
export function substringsOf(key: string, min = 2): string[] {
  const chars = [...key];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    for (let j = i + min; j <= chars.length; j++) out.add(chars.slice(i, j).join(''));
  }
  return [...out];
}
