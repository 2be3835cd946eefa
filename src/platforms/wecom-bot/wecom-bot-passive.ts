import { truncateUtf8 } from '../../lib/utf8';
import { encryptWecom, wecomSignature } from '../wecom/wecom-crypto';

/** A welcome text is a text message: 2048 bytes at most, like every WeCom text. */
const WELCOME_BYTES = 2048;

/**
 * The encrypted passive reply of a 智能机器人 callback (101031/101033): the plaintext
 * `{"msgtype":"text","text":{"content":…}}` sealed with receive id "" and signed with the
 * request's timestamp and nonce, as `{"encrypt","msgsignature","timestamp","nonce"}`.
 */
export function sealWecomBotText(
  keys: { token: string; encodingAesKey: string },
  content: string,
  query: { timestamp: string; nonce: string },
): string {
  const plain = JSON.stringify({ msgtype: 'text', text: { content: truncateUtf8(content, WELCOME_BYTES) } });
  const encrypt = encryptWecom(keys.encodingAesKey, plain, '');
  return JSON.stringify({
    encrypt,
    msgsignature: wecomSignature(keys.token, query.timestamp, query.nonce, encrypt),
    timestamp: query.timestamp,
    nonce: query.nonce,
  });
}
