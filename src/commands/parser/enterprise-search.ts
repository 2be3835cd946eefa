import { pinyin } from 'pinyin-pro';
import { foldWidth } from './text';

/** How a typed or registered firm name is compared: width folded, no whitespace, upper case. */
export const nameKey = (text: string): string => foldWidth(text).replace(/\s+/g, '').toUpperCase();

/** Syllables of a text without tones, lower case; characters that are not Chinese stay one token each. */
export const syllablesOf = (text: string): string[] =>
  pinyin(text, { toneType: 'none', type: 'array' }).map((s) => s.toLowerCase());

/** Adjacent pairs of tokens, each written as one word (曲江 江文 … / qujiang jiangwen …). */
function pairs(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(tokens[i] + tokens[i + 1]);
  return out;
}

/**
 * The text the trigram index searches: every pair of adjacent characters and of adjacent pinyin syllables
 * as its own word. Trigrams of Chinese names barely overlap (three characters in a row), pairs do: a typo,
 * a homophone or an abbreviation keeps most of them (曲江闻旅 shares 曲江, qujiang, jiangwen, wenlv with
 * 曲江文旅), so `word_similarity` over this text finds the few firms worth scoring.
 */
export function searchText(keys: string[], syllables: string[][]): string {
  const words = new Set<string>();
  keys.forEach((k) => pairs([...k]).forEach((w) => words.add(w)));
  syllables.forEach((s) => pairs(s).forEach((w) => words.add(w)));
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

export function enterpriseSearchColumns(name: string, shortName: string | null): EnterpriseSearchColumns {
  const nk = nameKey(name);
  const sk = shortName === null || nameKey(shortName) === '' ? null : nameKey(shortName);
  const ns = syllablesOf(nk);
  const ss = sk === null ? null : syllablesOf(sk);
  return {
    nameKey: nk,
    shortKey: sk,
    nameSyllables: ns.join(' '),
    shortSyllables: ss === null ? null : ss.join(' '),
    searchText: searchText(sk === null ? [nk] : [nk, sk], ss === null ? [ns] : [ns, ss]),
  };
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
