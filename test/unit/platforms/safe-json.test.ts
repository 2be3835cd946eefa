import { parseJsonSafe } from '../../../src/platforms/kit/safe-json';

describe('parseJsonSafe', () => {
  it('keeps integers beyond 2^53 exact as strings', () => {
    expect(parseJsonSafe('{"MsgId":4561255354251345929,"n":-9007199254740993}')).toEqual({
      MsgId: '4561255354251345929',
      n: '-9007199254740993',
    });
  });

  it('leaves safe numbers, decimals, exponents and strings alone', () => {
    expect(
      parseJsonSafe('{"a":218,"b":1.5,"c":1e21,"d":"12345678901234567890","e":[1,-2,true,null]}'),
    ).toEqual({
      a: 218,
      b: 1.5,
      c: 1e21,
      d: '12345678901234567890',
      e: [1, -2, true, null],
    });
  });

  it('does not touch digits inside strings with escaped quotes', () => {
    expect(parseJsonSafe('{"s":"say \\"12345678901234567890\\" now","t":12345678901234567890}')).toEqual({
      s: 'say "12345678901234567890" now',
      t: '12345678901234567890',
    });
  });

  it('still throws on malformed JSON', () => {
    expect(() => parseJsonSafe('{"a":')).toThrow();
    expect(() => parseJsonSafe('{"a":"unterminated')).toThrow();
  });
});
