import { rebase, requestJson } from '../kit/http';
import type { TokenCache } from '../kit/token-cache';

/** A message body for message/send or appchat/send, without the addressing fields. */
export type WecomAppMessage =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'template_card'; template_card: WecomTemplateCard };

/** The button_interaction template card (the only card type we send). */
export interface WecomTemplateCard {
  card_type: 'button_interaction';
  main_title: { title: string; desc?: string };
  sub_title_text?: string;
  task_id: string;
  button_list: { text: string; style?: number; key: string }[];
}

export interface WecomSendResult {
  msgid?: string;
  /** Only for interactive template cards: lets us update the card once (update_template_card). */
  response_code?: string;
}

/**
 * How long WeCom drops a repeated identical message/send (enable_duplicate_check). It closes the
 * "sent but not yet marked sent" window for app messages: a retry after a crash within this long
 * is dropped by WeCom. Ten minutes covers BullMQ's stall detection and the first backoffs.
 */
const DUPLICATE_CHECK_SECONDS = 600;

export interface WecomAppClientOptions {
  apiBase: string;
  agentId: string;
  tokens: TokenCache;
  timeoutMs?: number;
}

/** The WeCom self-built app's sending API: message/send, appchat/send, update_template_card. */
export class WecomAppClient {
  constructor(private readonly opts: WecomAppClientOptions) {}

  /** message/send to one or more users ("|"-joined). */
  send(toUser: string, message: WecomAppMessage): Promise<WecomSendResult> {
    return this.post('/cgi-bin/message/send', {
      touser: toUser,
      agentid: Number(this.opts.agentId),
      enable_duplicate_check: 1,
      duplicate_check_interval: DUPLICATE_CHECK_SECONDS,
      ...message,
    });
  }

  /** appchat/send to a chat the app created. */
  sendToChat(chatId: string, message: WecomAppMessage): Promise<WecomSendResult> {
    return this.post('/cgi-bin/appchat/send', { chatid: chatId, ...message });
  }

  /** Replaces a clicked card's button with a label ("已受理"); response_code is single use. */
  updateTemplateCard(args: {
    userIds: string[];
    responseCode: string;
    replaceName: string;
  }): Promise<WecomSendResult> {
    return this.post('/cgi-bin/message/update_template_card', {
      userids: args.userIds,
      agentid: Number(this.opts.agentId),
      response_code: args.responseCode,
      button: { replace_name: args.replaceName },
    });
  }

  private post(path: string, body: Record<string, unknown>): Promise<WecomSendResult> {
    return this.opts.tokens.withToken((token) =>
      requestJson<WecomSendResult>(`${this.opts.apiBase}${path}?access_token=${encodeURIComponent(token)}`, {
        platform: 'wecom',
        body,
        timeoutMs: this.opts.timeoutMs,
      }),
    );
  }
}

/** A body for the 智能机器人 response_url (markdown or template card only). */
export type WecomBotResponse =
  | { msgtype: 'markdown'; markdown: { content: string } }
  | { msgtype: 'template_card'; template_card: WecomTemplateCard };

/** Posts the one allowed answer to a 智能机器人 response_url (valid 1 h, single use), re-based onto the API base. */
export async function postBotResponse(
  apiBase: string,
  responseUrl: string,
  body: WecomBotResponse,
  timeoutMs?: number,
): Promise<void> {
  await requestJson(rebase(responseUrl, apiBase), { platform: 'wecom', body, timeoutMs });
}
