/**
 * JSON.parse that keeps integers beyond Number.MAX_SAFE_INTEGER exact by reading them as strings.
 * WeCom message ids are 64-bit (e.g. 4561255354251345929) and plain JSON.parse would round them.
 */
export function parseJsonSafe(text: string): unknown {
  return JSON.parse(quoteUnsafeIntegers(text));
}

const DIGIT = /[0-9]/;

/** Rewrites unsafe integer literals outside strings as string literals; everything else is copied. */
function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (ch === '-' || DIGIT.test(ch)) {
      let end = i + 1;
      while (end < text.length && /[0-9eE.+-]/.test(text[end])) end++;
      const literal = text.slice(i, end);
      out += /^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal)) ? `"${literal}"` : literal;
      i = end;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Index just past the closing quote of the string starting at `start` (or the end of text). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === '"') return i + 1;
    else i++;
  }
  return text.length;
}
