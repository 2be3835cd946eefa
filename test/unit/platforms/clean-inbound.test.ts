import type { InboundMessage } from '../../../src/bot/inbound-message';
import { cleanInbound } from '../../../src/platforms/kit/clean-inbound';
import { cleanDeep } from '../../../src/platforms/kit/clean-text';

const message = (over: Partial<InboundMessage> = {}): InboundMessage => ({
  platform: 'wecom',
  messageId: '7441234567890123456',
  senderId: 'zhangsan',
  chatId: null,
  text: '登记走访 曲江文旅 😀',
  sentAt: '2026-12-01T10:00:00+08:00',
  reply: { kind: 'wecom_app', userId: 'zhangsan' },
  ...over,
});

describe('cleanInbound', () => {
  it('hands back a storable message as it is, without a copy', () => {
    const msg = message({ action: { key: 'accept:W1', responseCode: 'rc' } });
    expect(cleanInbound(msg)).toBe(msg);
  });

  it('cleans NUL and lone surrogates anywhere, keys too, and keeps the hash of the original', () => {
    const msg = message({
      text: 'a\u0000b\ud800c',
      reply: { kind: 'wecom_app', userId: 'zhangsan', ['k\u0000']: ['x\udc00'] },
    });
    const clean = cleanInbound(msg);
    expect(clean).not.toBe(msg);
    expect(clean.text).toBe('ab\ufffdc');
    expect(clean.reply).toEqual({ kind: 'wecom_app', userId: 'zhangsan', k: ['x\ufffd'] });
    expect(clean.rawSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(clean.messageId).toBe(msg.messageId);
  });

  it('replaces a message id that needed cleaning by the hash of the raw id', () => {
    const a = cleanInbound(message({ messageId: 'id\u0000' }));
    const b = cleanInbound(message({ messageId: 'id' }));
    expect(a.messageId).toMatch(/^h-[0-9a-f]{64}$/);
    expect(b.messageId).toBe('id');
  });

  it('finds a string needing cleaning deep in arrays and nested objects', () => {
    expect(cleanDeep({ a: [{ b: ['ok', { c: 'x\u0000' }] }] })).toEqual({
      value: { a: [{ b: ['ok', { c: 'x' }] }] },
      changed: true,
    });
    const fine = { a: [{ b: ['ok', { c: 1, d: null, e: true }] }] };
    expect(cleanDeep(fine).value).toBe(fine);
  });
});
