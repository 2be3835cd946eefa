import { createHash } from 'node:crypto';

// NUL and lone surrogates: PostgreSQL text refuses the first, jsonb refuses both.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const NUL = /\u0000/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text PostgreSQL can store: NUL removed, each lone surrogate replaced by U+FFFD. */
export function cleanText(text: string): string {
  return text.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
}

/** True when cleanText would change the text. */
export function needsCleaning(text: string): boolean {
  NUL.lastIndex = 0;
  LONE_SURROGATE.lastIndex = 0;
  return NUL.test(text) || LONE_SURROGATE.test(text);
}

/** True when some string inside a JSON-like value (a key or a value) needs cleaning. */
function anyNeedsCleaning(v: unknown): boolean {
  if (typeof v === 'string') return needsCleaning(v);
  if (Array.isArray(v)) return v.some(anyNeedsCleaning);
  if (v && typeof v === 'object') {
    for (const k in v) {
      if (Object.hasOwn(v, k) && (needsCleaning(k) || anyNeedsCleaning((v as Record<string, unknown>)[k])))
        return true;
    }
  }
  return false;
}

/**
 * Every string inside a JSON-like value cleaned, and whether anything changed. A value that needs
 * no cleaning (nearly every message) comes back as it is, without a copy.
 */
export function cleanDeep<T>(value: T): { value: T; changed: boolean } {
  if (!anyNeedsCleaning(value)) return { value, changed: false };
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      if (!needsCleaning(v)) return v;
      changed = true;
      return cleanText(v);
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, inner] of Object.entries(v)) out[walk(k) as string] = walk(inner);
      return out;
    }
    return v;
  };
  const value2 = walk(value) as T;
  return { value: value2, changed };
}

/**
 * SHA-256 of a string's UTF-16 code units, so two ids that differ only in what cleaning removed
 * (a NUL, a lone surrogate) keep different hashes.
 */
export function rawHash(text: string): string {
  return createHash('sha256').update(Buffer.from(text, 'utf16le')).digest('hex');
}
