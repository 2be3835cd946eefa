import { parseChineseNumber } from '../../../../src/commands/parser/chinese-number';

describe('parseChineseNumber', () => {
  it.each([
    ['20', 20],
    ['五', 5],
    ['两', 2],
    ['十', 10],
    ['十一', 11],
    ['二十', 20],
    ['三十一', 31],
    ['一百零五', 105],
    ['两百', 200],
    ['二〇二六', 2026],
  ])('%s → %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it.each(['', '五分', 'abc', '一点五'])('%s is no number', (text) => {
    expect(parseChineseNumber(text)).toBeNull();
  });
});
