import { splitUtf8, truncateUtf8, utf8Bytes } from '../../../src/lib/utf8';

describe('UTF-8 byte limits', () => {
  it('counts bytes, not characters', () => {
    expect(utf8Bytes('一月两见')).toBe(12);
    expect(utf8Bytes('a😀')).toBe(5);
  });

  it('never cuts a character in half', () => {
    expect(truncateUtf8('一二三', 7)).toBe('一二');
    expect(truncateUtf8('😀😀', 5)).toBe('😀');
  });

  it('splits long text into chunks within the limit, preferring line breaks', () => {
    const text = Array.from({ length: 300 }, (_, i) => `第${i}行：张三 未达标`).join('\n');
    const chunks = splitUtf8(text, 2048);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(utf8Bytes(c)).toBeLessThanOrEqual(2048);
    expect(chunks.join('\n')).toBe(text);
  });

  it('cuts a single over-long line between characters', () => {
    const line = '问'.repeat(1000);
    const chunks = splitUtf8(line, 2048);
    expect(chunks.join('')).toBe(line);
    for (const c of chunks) expect(utf8Bytes(c)).toBeLessThanOrEqual(2048);
  });
});
