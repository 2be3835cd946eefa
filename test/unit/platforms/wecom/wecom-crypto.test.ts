import { V1_GET, V1_KEYS, V1_POST, V3_JSON } from '../../../fixtures/platforms/wecom-vectors';
import {
  WECOM_ERROR,
  decryptWecom,
  encryptWecom,
  openWecomEnvelope,
  verifyWecomSignature,
  wecomSignature,
} from '../../../../src/platforms/wecom/wecom-crypto';

const { token, encodingAesKey, receiveId } = V1_KEYS;

describe('wecomSignature on the official vectors', () => {
  it.each([
    ['V1 GET', V1_GET.timestamp, V1_GET.nonce, V1_GET.echostr, V1_GET.signature],
    ['V1 POST', V1_POST.timestamp, V1_POST.nonce, V1_POST.encrypt, V1_POST.signature],
    ['V3 JSON', V3_JSON.timestamp, V3_JSON.nonce, V3_JSON.encrypt, V3_JSON.signature],
  ])('%s', (_name, timestamp, nonce, encrypt, signature) => {
    expect(wecomSignature(token, timestamp, nonce, encrypt)).toBe(signature);
    expect(verifyWecomSignature(V1_KEYS, { signature, timestamp, nonce, encrypt })).toBe(true);
  });

  it('refuses a signature that differs in one character, or in length', () => {
    const envelope = { timestamp: V1_POST.timestamp, nonce: V1_POST.nonce, encrypt: V1_POST.encrypt };
    const flipped = V1_POST.signature.replace(/^./, (c) => (c === '4' ? '5' : '4'));
    expect(verifyWecomSignature(V1_KEYS, { ...envelope, signature: flipped })).toBe(false);
    expect(verifyWecomSignature(V1_KEYS, { ...envelope, signature: V1_POST.signature.slice(1) })).toBe(false);
    expect(verifyWecomSignature(V1_KEYS, { ...envelope, signature: '' })).toBe(false);
  });
});

describe('decryptWecom', () => {
  it('decrypts the V1 echostr and message and the V3 JSON', () => {
    expect(decryptWecom(encodingAesKey, V1_GET.echostr, receiveId)).toEqual({
      ok: true,
      value: V1_GET.reply,
    });
    expect(decryptWecom(encodingAesKey, V1_POST.encrypt, receiveId)).toEqual({
      ok: true,
      value: V1_POST.plaintext,
    });
    expect(decryptWecom(encodingAesKey, V3_JSON.encrypt, receiveId)).toEqual({
      ok: true,
      value: V3_JSON.plaintext,
    });
  });

  it('refuses a message for another receive id (-40005)', () => {
    expect(decryptWecom(encodingAesKey, V1_POST.encrypt, 'wwOTHERCORP')).toMatchObject({
      ok: false,
      code: WECOM_ERROR.receiveId,
    });
    expect(decryptWecom(encodingAesKey, V1_POST.encrypt, '')).toMatchObject({ ok: false, code: -40005 });
  });

  it.each([
    ['not base64', 'not*base64!', WECOM_ERROR.base64],
    ['base64 with a bad length', 'abc', WECOM_ERROR.base64],
    ['empty', '', WECOM_ERROR.base64],
    ['truncated to a non-multiple of 16', V1_POST.encrypt.slice(0, 40), WECOM_ERROR.decrypt],
    ['a single block', Buffer.alloc(16, 7).toString('base64'), WECOM_ERROR.decrypt],
  ])('returns a failure for %s, never throws', (_name, ciphertext, code) => {
    expect(decryptWecom(encodingAesKey, ciphertext, receiveId)).toMatchObject({ ok: false, code });
  });

  it('survives a wrong key (library throws or returns garbage) without throwing', () => {
    const otherKey = 'a'.repeat(43);
    const result = decryptWecom(otherKey, V1_POST.encrypt, receiveId);
    expect(result.ok).toBe(false);
  });
});

describe('encryptWecom', () => {
  it('reproduces the V1 ciphertext byte for byte with the official random prefix', () => {
    expect(encryptWecom(encodingAesKey, V1_POST.plaintext, receiveId, V1_POST.random)).toBe(V1_POST.encrypt);
  });

  it('round-trips Chinese text for the 智能机器人 receive id ""', () => {
    const message = JSON.stringify({ text: { content: '@助企机器人 走访登记 某某公司' } });
    const ciphertext = encryptWecom(encodingAesKey, message, '');
    expect(decryptWecom(encodingAesKey, ciphertext, '')).toEqual({ ok: true, value: message });
  });
});

describe('openWecomEnvelope', () => {
  it('checks the signature before decrypting', () => {
    const envelope = { timestamp: V1_POST.timestamp, nonce: V1_POST.nonce, encrypt: V1_POST.encrypt };
    expect(openWecomEnvelope(V1_KEYS, { ...envelope, signature: V1_POST.signature })).toEqual({
      ok: true,
      value: V1_POST.plaintext,
    });
    expect(openWecomEnvelope(V1_KEYS, { ...envelope, signature: '0'.repeat(40) })).toMatchObject({
      ok: false,
      code: WECOM_ERROR.signature,
    });
  });
});
