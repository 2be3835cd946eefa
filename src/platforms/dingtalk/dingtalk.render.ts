import { splitUtf8, utf8Bytes } from '../../lib/utf8';
import type { DingtalkApiMessage, DingtalkRobotMessage } from './dingtalk-robot.client';
import { escapeMarkdown, escapeMarkdownLines } from '../kit/markdown-escape';
import { buttonCommand, type CardButton, type OutboundPayload } from '../../outbox/outbound-payload';

/**
 * DingTalk publishes no byte limit for robot text or markdown; 2048 bytes for text and 4096 for
 * markdown (the WeCom limits) are our conservative choice, so a message never gets cut.
 */
export const DINGTALK_TEXT_BYTES = 2048;
export const DINGTALK_MARKDOWN_BYTES = 4096;
/** Card text longer than this goes out as markdown before the card (also our choice). */
const CARD_TEXT_BYTES = 1024;
/** The OpenAPI action-card templates go up to five buttons (sampleActionCard2…5). */
const API_MAX_BUTTONS = 5;

/** A tap on this link makes the DingTalk client send `command` as the user's own message. */
export function sendMessageLink(command: string): string {
  return `dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(command)}`;
}

/** A neutral message as DingTalk parts: text, markdown or markdown + actionCard. */
type Part =
  | { kind: 'text'; content: string; first: boolean }
  | { kind: 'markdown'; title: string; text: string; first: boolean }
  | { kind: 'card'; title: string; text: string; buttons: CardButton[] };

function parts(payload: OutboundPayload): Part[] {
  switch (payload.msgtype) {
    case 'text':
      return splitUtf8(payload.text ?? '', DINGTALK_TEXT_BYTES).map((content, i) => ({
        kind: 'text',
        content,
        first: i === 0,
      }));
    case 'markdown': {
      const { title, text } = payload.markdown!;
      return splitUtf8(text, DINGTALK_MARKDOWN_BYTES).map((part, i) => ({
        kind: 'markdown',
        title: title || '通知',
        text: part,
        first: i === 0,
      }));
    }
    case 'card': {
      // Card title and description are plain text (they may quote a person): inert in markdown.
      const title = escapeMarkdown(payload.card!.title, 'dingtalk');
      const description = escapeMarkdownLines(payload.card!.description, 'dingtalk');
      const { buttons } = payload.card!;
      // An actionCard needs a button (btns or singleTitle): a card without any is plain markdown.
      if (buttons.length === 0) {
        return splitUtf8(`### ${title}\n${description}`, DINGTALK_MARKDOWN_BYTES).map((text, i): Part => ({
          kind: 'markdown',
          title,
          text,
          first: i === 0,
        }));
      }
      if (utf8Bytes(description) <= CARD_TEXT_BYTES)
        return [{ kind: 'card', title, text: description, buttons }];
      return [
        ...splitUtf8(description, DINGTALK_MARKDOWN_BYTES).map((text, i): Part => ({
          kind: 'markdown',
          title,
          text,
          first: i === 0,
        })),
        { kind: 'card', title, text: '详情见上一条消息，请选择操作：', buttons },
      ];
    }
  }
}

/** Robot message(s) for sessionWebhook and custom robots; @mentions ride on the first part. */
export function renderDingtalkRobot(payload: OutboundPayload): DingtalkRobotMessage[] {
  const userIds = payload.mentions?.userIds ?? [];
  const mobiles = payload.mentions?.mobiles ?? [];
  const hasAt = userIds.length + mobiles.length > 0;
  // DingTalk only renders an @ when the text also contains "@userId" / "@mobile".
  const atText = [...userIds, ...mobiles].map((v) => `@${v}`).join(' ');
  const at = hasAt ? { at: { atUserIds: userIds, atMobiles: mobiles } } : {};
  return parts(payload).map((p): DingtalkRobotMessage => {
    switch (p.kind) {
      case 'text':
        return p.first && hasAt
          ? { msgtype: 'text', text: { content: `${p.content}\n${atText}` }, ...at }
          : { msgtype: 'text', text: { content: p.content } };
      case 'markdown':
        return p.first && hasAt
          ? { msgtype: 'markdown', markdown: { title: p.title, text: `${p.text}\n\n${atText}` }, ...at }
          : { msgtype: 'markdown', markdown: { title: p.title, text: p.text } };
      case 'card':
        return {
          msgtype: 'actionCard',
          actionCard: {
            title: p.title,
            text: `### ${p.title}\n${p.text}`,
            btnOrientation: '0',
            btns: p.buttons.map((b) => ({ title: b.text, actionURL: sendMessageLink(buttonCommand(b)) })),
          },
        };
    }
  });
}

/**
 * OpenAPI message(s) (batchSend / groupMessages). Template names and fields as DingTalk's
 * "消息类型" list gives them (sampleText, sampleMarkdown, sampleActionCard for one button,
 * sampleActionCardN with actionTitleN/actionURLN for N = 2…5); the N-button names are
 * UNCONFIRMED against a live tenant.
 */
export function renderDingtalkApi(payload: OutboundPayload): DingtalkApiMessage[] {
  return parts(payload).map((p): DingtalkApiMessage => {
    switch (p.kind) {
      case 'text':
        return { msgKey: 'sampleText', msgParam: { content: p.content } };
      case 'markdown':
        return { msgKey: 'sampleMarkdown', msgParam: { title: p.title, text: p.text } };
      case 'card': {
        const text = `### ${p.title}\n${p.text}`;
        const buttons = p.buttons.slice(0, API_MAX_BUTTONS);
        if (buttons.length <= 1) {
          const b = buttons[0];
          return {
            msgKey: 'sampleActionCard',
            msgParam: {
              title: p.title,
              text,
              singleTitle: b?.text ?? '查看',
              singleURL: b ? sendMessageLink(buttonCommand(b)) : sendMessageLink('帮助'),
            },
          };
        }
        const msgParam: Record<string, string> = { title: p.title, text };
        buttons.forEach((b, i) => {
          msgParam[`actionTitle${i + 1}`] = b.text;
          msgParam[`actionURL${i + 1}`] = sendMessageLink(buttonCommand(b));
        });
        return { msgKey: `sampleActionCard${buttons.length}`, msgParam };
      }
    }
  });
}
