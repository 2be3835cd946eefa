import { stripMentions } from '../../lib/mentions';

/**
 * Punctuation people use as separators in chat, both half- and full-width. Not a '.' between letters
 * or digits (1.5亿, www.x.com) nor a ':' between digits (10:30): summaries keep those as typed.
 */
const SEPARATOR_RE = /(?:[\s,，。;；：、!！?？~～]|(?<![A-Za-z0-9])\.|\.(?![A-Za-z0-9])|(?<!\d):|:(?!\d))+/;
const EDGE_RE = /^[\s,，.。;；:：、!！?？~～\-—]+|[\s,，.。;；:：、!！?？~～\-—]+$/g;

/**
 * Folds what phones type inconsistently: full-width digits, letters, spaces and the few full-width signs
 * that appear inside dates and codes. Chinese punctuation stays, so summaries read as typed.
 */
export function foldWidth(text: string): string {
  return text
    .replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    )
    .replace(/[\u3000\u00a0]/g, ' ')
    .replace(/\uff0d/g, '-')
    .replace(/\uff0e/g, '.')
    .replace(/\uff0f/g, '/')
    .replace(/\uff03/g, '#');
}

/** The text the parsers work on: width folded, mentions gone, whitespace collapsed, edges trimmed. */
export function normalize(text: string): string {
  const collapsed = stripMentions(foldWidth(text)).replace(/\s+/g, ' ').trim();
  // A lone "?" asks for help; trimming punctuation would leave nothing.
  return /^[?？]+$/.test(collapsed) ? collapsed : trimEdges(collapsed);
}

/** Trims whitespace and separator punctuation from both ends. */
function trimEdges(text: string): string {
  return text.replace(EDGE_RE, '');
}

/** Splits on whitespace and separator punctuation, dropping empty pieces. */
export function splitChunks(text: string): string[] {
  return text.split(SEPARATOR_RE).filter((c) => c.length > 0);
}

/** Removes `[index, index + length)` from a text, leaving a space so the neighbours stay apart. */
export function cutSpan(text: string, index: number, length: number): string {
  return `${text.slice(0, index)} ${text.slice(index + length)}`;
}

/** The text with a leading word (one of `words`, longest first) removed, or null when it does not start so. */
export function afterLeadingWord(
  text: string,
  words: readonly string[],
): { word: string; rest: string } | null {
  const lower = text.toLowerCase();
  const word = [...words].sort((a, b) => b.length - a.length).find((w) => lower.startsWith(w.toLowerCase()));
  return word === undefined ? null : { word, rest: trimEdges(text.slice(word.length)) };
}

/** Collapses the gaps left by cut-out parts and trims the edges; '' when nothing is left. */
export function tidy(text: string): string {
  return trimEdges(text.replace(/\s+/g, ' '));
}
