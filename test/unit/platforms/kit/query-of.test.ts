import { queryOf } from '../../../../src/platforms/kit/receiver-kit';

describe('queryOf (the raw query string, decoded exactly once)', () => {
  it('keeps values without an escape as they are, a literal + included', () => {
    expect(
      queryOf('/wecom/callback?msg_signature=ab12&timestamp=1700000000&nonce=x&echostr=a+b/c=='),
    ).toEqual({
      msg_signature: 'ab12',
      timestamp: '1700000000',
      nonce: 'x',
      echostr: 'a+b/c==',
    });
  });

  it('decodes percent escapes in names and values once', () => {
    expect(queryOf('/p?e%63hostr=a%2Bb%2F%3D%253D&flag')).toEqual({ echostr: 'a+b/=%3D', flag: '' });
  });

  it('returns null for a malformed escape, and {} without a query', () => {
    expect(queryOf('/p?nonce=%E4%B8')).toBeNull();
    expect(queryOf('/p?x=%zz')).toBeNull();
    expect(queryOf('/p')).toEqual({});
  });
});
