import { randomBytes } from 'node:crypto';
import type { DingtalkConfig } from '../../../src/config';
import type { CallbackRequest } from './callback-request';
import { dingtalkSign } from '../../../src/platforms/dingtalk/dingtalk-sign';

/** How long DingTalk's sessionWebhook stays valid in its samples (always read the field, though). */
const SESSION_WEBHOOK_TTL_MS = 90 * 60 * 1000;

/** Signs any DingTalk callback body as DingTalk would (headers timestamp + sign). */
export function sealDingtalkCallback(config: DingtalkConfig, body: string, now: Date): CallbackRequest {
  const timestamp = String(now.getTime());
  return {
    method: 'POST',
    path: '/dingtalk/callback',
    query: {},
    headers: {
      'content-type': 'application/json; charset=utf-8',
      timestamp,
      sign: dingtalkSign(config.appSecret, timestamp),
    },
    body,
  };
}

/** A text message from `userId`, 1:1 or (with `conversationId` and `group`) @-ing the bot in a group. */
export function buildDingtalkTextCallback(
  config: DingtalkConfig,
  input: {
    userId: string;
    text: string;
    now: Date;
    group?: boolean;
    conversationId?: string;
    senderNick?: string;
    msgId?: string;
  },
): CallbackRequest {
  const nowMs = input.now.getTime();
  const body = {
    msgtype: 'text',
    // DingTalk strips the @bot and leaves the space in front.
    text: { content: ` ${input.text}` },
    msgId: input.msgId ?? `msg${randomBytes(12).toString('base64')}`,
    createAt: nowMs,
    conversationType: input.group ? '2' : '1',
    conversationId: input.conversationId ?? `cid${randomBytes(12).toString('base64')}`,
    senderId: `$:LWCP_v1:$${randomBytes(12).toString('base64')}`,
    senderNick: input.senderNick ?? input.userId,
    senderStaffId: input.userId,
    chatbotUserId: `$:LWCP_v1:$bot`,
    atUsers: [{ dingtalkId: '$:LWCP_v1:$bot' }],
    isAdmin: false,
    isInAtList: true,
    sessionWebhook: `https://oapi.dingtalk.com/robot/sendBySession?session=${randomBytes(16).toString('hex')}`,
    sessionWebhookExpiredTime: nowMs + SESSION_WEBHOOK_TTL_MS,
    robotCode: config.appKey,
  };
  return sealDingtalkCallback(config, JSON.stringify(body), input.now);
}
