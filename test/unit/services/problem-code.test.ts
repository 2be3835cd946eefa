import { formatProblemCode, parseProblemCode } from '../../../src/services/problem-code';

describe('problem codes', () => {
  it('formats W<YYYYMMDD>-<4 digits>, growing past 9999', () => {
    expect(formatProblemCode('2026-11-23', 7)).toBe('W20261123-0007');
    expect(formatProblemCode('2026-11-23', 12345)).toBe('W20261123-12345');
  });

  it('parses what people type', () => {
    expect(parseProblemCode('W20261123-0007')).toEqual({ day: '2026-11-23', seq: 7 });
    expect(parseProblemCode(' w20261123-0007 ')).toEqual({ day: '2026-11-23', seq: 7 });
    expect(parseProblemCode('W20261123-007')).toBeNull();
    expect(parseProblemCode('20261123-0007')).toBeNull();
  });
});
