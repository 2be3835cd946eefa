import { isValidCreditCode, withCheckChar, creditCodeCheckChar } from '../../../src/lib/credit-code';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it.each([
    '91110000802100433B', // published code of a large state enterprise
    '91350100M000100Y43',
  ])('accepts a real code %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('computes the check character', () => {
    expect(creditCodeCheckChar('91110000802100433')).toBe('B');
    expect(withCheckChar('91350100M000100Y4')).toBe('91350100M000100Y43');
  });

  it.each([
    ['a wrong check character', '91110000802100433C'],
    ['too short', '9111000080210043'],
    ['a forbidden letter I', '9111000080210043IB'],
    ['empty', ''],
  ])('rejects %s', (_why, code) => {
    expect(isValidCreditCode(code)).toBe(false);
  });

  it('ignores spaces and lower case as pasted', () => {
    expect(isValidCreditCode(' 91110000802100433b ')).toBe(true);
  });
});
