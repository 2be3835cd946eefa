import { normalizeProblemCode } from '../../../../src/commands/parser';
import { takeProblemCode } from '../../../../src/commands/parser/problem-code';

describe('problem codes', () => {
  it.each([
    'W20261123-0007',
    'w20261123-0007',
    'W202611230007',
    ' w202611230007 ',
    'Ｗ２０２６１１２３－０００７',
  ])('normalises %s', (text) => {
    expect(normalizeProblemCode(text.normalize('NFKC'))).toBe('W20261123-0007');
  });

  it.each(['W2026112-0007', 'X20261123-0007', 'W20261123-007', 'AW20261123-0007', '曲江文旅'])(
    'rejects %s',
    (text) => {
      expect(normalizeProblemCode(text)).toBeNull();
    },
  );

  it('takes a code out of a sentence', () => {
    expect(takeProblemCode('转办 编号：w202611230007 给市自然资源局')).toEqual({
      code: 'W20261123-0007',
      rest: '转办   给市自然资源局',
    });
    expect(takeProblemCode('受理')).toEqual({ code: null, rest: '受理' });
  });
});
