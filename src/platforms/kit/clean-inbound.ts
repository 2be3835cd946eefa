import type { InboundMessage } from '../../bot/inbound-message';
import { cleanDeep, needsCleaning, rawHash } from './clean-text';

/**
 * The message made storable (no NUL, no lone surrogate in any field). When cleaning changed
 * something, the hash of the original is kept in `rawSha256`, and a message id that itself needed
 * cleaning is replaced by its raw hash, so two ids differing only in a removed byte stay two.
 */
export function cleanInbound(msg: InboundMessage): InboundMessage {
  const { value, changed } = cleanDeep(msg);
  if (!changed) return msg;
  const messageId = needsCleaning(msg.messageId) ? `h-${rawHash(msg.messageId)}` : value.messageId;
  return { ...value, messageId, rawSha256: rawHash(JSON.stringify(msg)) };
}
