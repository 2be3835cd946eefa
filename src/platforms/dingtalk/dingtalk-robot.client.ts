import { createHmac } from 'node:crypto';
import { type Clock, systemClock } from '../../lib/clock';
import { PlatformError, rebase, requestJson } from '../kit/http';
import type { TokenCache } from '../kit/token-cache';

/** A robot message body (custom robot robot/send and sessionWebhook take the same shapes). */
export type DingtalkRobotMessage =
  | { msgtype: 'text'; text: { content: string }; at?: DingtalkAt }
  | { msgtype: 'markdown'; markdown: { title: string; text: string }; at?: DingtalkAt }
  | {
      msgtype: 'actionCard';
      actionCard: {
        title: string;
        text: string;
        btnOrientation: '0' | '1';
        btns: { title: string; actionURL: string }[];
      };
    };

export interface DingtalkAt {
  atUserIds?: string[];
  atMobiles?: string[];
  isAtAll?: boolean;
}

/** An OpenAPI robot message: msgKey names the template, msgParam is its JSON (as a string). */
export interface DingtalkApiMessage {
  msgKey: string;
  msgParam: Record<string, string>;
}

/**
 * `timestamp` (ms) + "\n" + secret, HmacSHA256 keyed by the secret, base64: the custom robot's
 * 加签. Returned raw; URLSearchParams does the urlencode.
 */
export function signRobot(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

export interface DingtalkRobotClientOptions {
  /** https://api.dingtalk.com (OpenAPI). */
  apiBase: string;
  /** https://oapi.dingtalk.com (robot/send, sendBySession). */
  oapiBase: string;
  /** The enterprise robot's app key (robotCode); null when only custom robots are used. */
  appKey: string | null;
  /** OpenAPI token cache; null when only custom robots are used. */
  tokens: TokenCache | null;
  clock?: Clock;
  timeoutMs?: number;
}

/** DingTalk sending: sessionWebhook replies, custom group robots (加签) and the robot OpenAPI. */
export class DingtalkRobotClient {
  private readonly clock: Clock;

  constructor(private readonly opts: DingtalkRobotClientOptions) {
    this.clock = opts.clock ?? systemClock;
  }

  /** Answers through a message's sessionWebhook (no token needed while it is valid). */
  async sendBySession(sessionWebhook: string, message: DingtalkRobotMessage): Promise<void> {
    await requestJson(rebase(sessionWebhook, this.opts.oapiBase), {
      platform: 'dingtalk',
      body: message,
      timeoutMs: this.opts.timeoutMs,
    });
  }

  /** Sends through a custom group robot's webhook, signed when a secret (SEC…) is configured. */
  async sendRobot(webhookUrl: string, secret: string | null, message: DingtalkRobotMessage): Promise<void> {
    const url = new URL(rebase(webhookUrl, this.opts.oapiBase));
    if (secret) {
      const timestamp = this.clock.now().getTime();
      url.searchParams.set('timestamp', String(timestamp));
      url.searchParams.set('sign', signRobot(timestamp, secret));
    }
    await requestJson(url.toString(), {
      platform: 'dingtalk',
      body: message,
      timeoutMs: this.opts.timeoutMs,
    });
  }

  /** 1:1 messages through the OpenAPI (oToMessages/batchSend). */
  async sendToUsers(userIds: string[], message: DingtalkApiMessage): Promise<void> {
    await this.api('/v1.0/robot/oToMessages/batchSend', { userIds }, message);
  }

  /** Group message through the OpenAPI (groupMessages/send). */
  async sendToGroup(openConversationId: string, message: DingtalkApiMessage): Promise<void> {
    await this.api('/v1.0/robot/groupMessages/send', { openConversationId }, message);
  }

  private async api(path: string, to: Record<string, unknown>, message: DingtalkApiMessage): Promise<void> {
    const { tokens, appKey } = this.opts;
    if (!tokens || !appKey) {
      throw new PlatformError('dingtalk', 'not_configured', 'DingTalk app key/secret are not set', {
        retryable: false,
      });
    }
    await tokens.withToken((token) =>
      requestJson(`${this.opts.apiBase}${path}`, {
        platform: 'dingtalk',
        headers: { 'x-acs-dingtalk-access-token': token },
        body: {
          robotCode: appKey,
          ...to,
          msgKey: message.msgKey,
          msgParam: JSON.stringify(message.msgParam),
        },
        timeoutMs: this.opts.timeoutMs,
      }),
    );
  }
}
