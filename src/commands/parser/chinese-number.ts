const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** A regex source matching an Arabic number or a Chinese numeral up to the hundreds. */
export const NUMBER_SOURCE = '(?:\\d+|[零〇一二两三四五六七八九十百]+)';

/**
 * Reads "20", "二十", "十一", "两", "一百零五", "二〇" (digit by digit) as an integer; null when it is not one.
 * Only what chat needs: numbers below a thousand.
 */
export function parseChineseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(text)) return null;
  if (!/[十百]/.test(text)) {
    // Digit-by-digit numerals such as 二〇二六 (years) or a lone 五.
    return Number([...text].map((c) => DIGITS[c]).join(''));
  }
  let total = 0;
  let current = 0;
  for (const c of text) {
    if (c === '百' || c === '十') {
      total += (current === 0 ? 1 : current) * (c === '百' ? 100 : 10);
      current = 0;
    } else {
      current = DIGITS[c];
    }
  }
  return total + current;
}
