import { createHash } from 'node:crypto';
import { splitUtf8, truncateUtf8, utf8Bytes } from '../../lib/utf8';
import type { WecomAppMessage, WecomBotResponse, WecomTemplateCard } from './wecom-app.client';
import type { WecomWebhookMessage } from './wecom-webhook.client';
import { escapeMarkdown, escapeMarkdownLines } from '../kit/markdown-escape';
import { buttonCommand, type OutboundPayload } from '../../outbox/outbound-payload';

/** message/send and appchat/send: text.content and markdown.content ≤ 2048 bytes (path/90236). */
export const WECOM_TEXT_BYTES = 2048;
export const WECOM_APP_MARKDOWN_BYTES = 2048;
/** Group robot markdown ≤ 4096 bytes (path/99110). */
export const WECOM_WEBHOOK_MARKDOWN_BYTES = 4096;
/** A 智能机器人 response_url takes markdown up to 20480 bytes (101138). */
export const WECOM_BOT_RESPONSE_BYTES = 20480;
/**
 * Card subtitle: WeCom does not state a byte limit for sub_title_text we could confirm; 512 bytes
 * is our conservative choice. A longer description goes out as text before the card.
 */
const CARD_SUBTITLE_BYTES = 512;

/** WeCom task_id: letters, digits, _-@, ≤ 128 bytes, unique per app; derived from the idempotency key. */
export function wecomTaskId(key: string): string {
  return `qs_${createHash('sha256').update(key).digest('hex').slice(0, 40)}`;
}

const markdownText = (md: { title: string; text: string }) =>
  md.title ? `**${md.title}**\n${md.text}` : md.text;

/** The app message(s) for a payload, split to the byte limits, in order. */
export function renderWecomApp(payload: OutboundPayload, key: string, chat = false): WecomAppMessage[] {
  switch (payload.msgtype) {
    case 'text':
      return splitUtf8(payload.text ?? '', WECOM_TEXT_BYTES).map((content) => ({
        msgtype: 'text',
        text: { content },
      }));
    case 'markdown':
      return splitUtf8(markdownText(payload.markdown!), WECOM_APP_MARKDOWN_BYTES).map((content) => ({
        msgtype: 'markdown',
        markdown: { content },
      }));
    case 'card': {
      // appchat/send has no template_card, and a button_interaction card needs buttons (a card
      // without any is refused with 40058): either way the card becomes markdown.
      if (chat || payload.card!.buttons.length === 0) {
        return splitUtf8(cardAsMarkdown(payload), WECOM_APP_MARKDOWN_BYTES).map((content) => ({
          msgtype: 'markdown',
          markdown: { content },
        }));
      }
      const { lead, card } = templateCard(payload, key);
      return [
        ...lead.map((content): WecomAppMessage => ({ msgtype: 'text', text: { content } })),
        { msgtype: 'template_card', template_card: card },
      ];
    }
  }
}

/** The group robot message(s) for a payload; mentions ride on the first part. */
export function renderWecomWebhook(payload: OutboundPayload): WecomWebhookMessage[] {
  if (payload.msgtype === 'text') {
    return splitUtf8(payload.text ?? '', WECOM_TEXT_BYTES).map((content, i) => ({
      msgtype: 'text',
      text: {
        content,
        ...(i === 0 && payload.mentions?.userIds?.length ? { mentioned_list: payload.mentions.userIds } : {}),
        ...(i === 0 && payload.mentions?.mobiles?.length
          ? { mentioned_mobile_list: payload.mentions.mobiles }
          : {}),
      },
    }));
  }
  const source = payload.msgtype === 'markdown' ? markdownText(payload.markdown!) : cardAsMarkdown(payload);
  // Markdown has no mention list: WeCom renders <@userid> inside the content.
  const mentions = (payload.mentions?.userIds ?? []).map((id) => `<@${id}>`).join(' ');
  const content = mentions ? `${source}\n${mentions}` : source;
  return splitUtf8(content, WECOM_WEBHOOK_MARKDOWN_BYTES).map((part) => ({
    msgtype: 'markdown',
    markdown: { content: part },
  }));
}

/**
 * The single answer a 智能机器人 response_url takes. It cannot be split (single use), so an
 * over-long text is cut, saying so.
 */
export function renderWecomBotResponse(payload: OutboundPayload, key: string): WecomBotResponse {
  if (
    payload.msgtype === 'card' &&
    payload.card!.buttons.length > 0 &&
    utf8Bytes(payload.card!.description) <= CARD_SUBTITLE_BYTES
  ) {
    return { msgtype: 'template_card', template_card: templateCard(payload, key).card };
  }
  const text =
    payload.msgtype === 'text'
      ? escapeMarkdownLines(payload.text ?? '', 'wecom')
      : payload.msgtype === 'markdown'
        ? markdownText(payload.markdown!)
        : cardAsMarkdown(payload);
  const note = '\n…（内容过长，已截断）';
  const content =
    utf8Bytes(text) <= WECOM_BOT_RESPONSE_BYTES
      ? text
      : truncateUtf8(text, WECOM_BOT_RESPONSE_BYTES - utf8Bytes(note)) + note;
  return { msgtype: 'markdown', markdown: { content } };
}

function templateCard(payload: OutboundPayload, key: string): { lead: string[]; card: WecomTemplateCard } {
  const card = payload.card!;
  const fits = utf8Bytes(card.description) <= CARD_SUBTITLE_BYTES;
  return {
    lead: fits ? [] : splitUtf8(card.description, WECOM_TEXT_BYTES),
    card: {
      card_type: 'button_interaction',
      main_title: { title: truncateUtf8(card.title, 108) },
      sub_title_text: fits ? card.description : '详情见上一条消息，请选择操作：',
      task_id: wecomTaskId(key),
      button_list: card.buttons.map((b) => ({ text: b.text, key: b.key, style: 1 })),
    },
  };
}

/** A card where buttons are impossible: markdown that tells people what to reply. */
export function cardAsMarkdown(payload: OutboundPayload): string {
  const card = payload.card!;
  const replies = card.buttons.map((b) => `> ${b.text}：回复「${b.typed ?? buttonCommand(b)}」`).join('\n');
  // Card title and description are plain text (they may quote a person): inert in markdown.
  const title = escapeMarkdown(card.title, 'wecom');
  return `**${title}**\n${escapeMarkdownLines(card.description, 'wecom')}${replies ? `\n${replies}` : ''}`;
}
