import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import type { DingtalkConfig, WecomAppConfig, WecomBotConfig } from '../config';
import { GroupChat, Person, PersonAccount } from '../entities';
import type { Platform } from '../entities/enums';
import { buttonCommand, type CardButton, type OutboundPayload } from '../outbox/outbound-payload';
import { wecomTaskId } from '../platforms/wecom/wecom.render';
import { type CallbackRequest, sendCallback } from '../../test/support/callbacks/callback-request';
import { jobSafeId } from '../platforms/kit/inbound-text';
import { buildDingtalkTextCallback } from '../../test/support/callbacks/dingtalk-callback.builder';
import {
  buildWecomBotCardEventCallback,
  buildWecomBotTextCallback,
} from '../../test/support/callbacks/wecom-bot-callback.builder';
import {
  buildWecomAppCardEventCallback,
  buildWecomAppTextCallback,
  randomWecomMsgId,
} from '../../test/support/callbacks/wecom-callback.builder';

/** How the console reaches the bot: the WeCom app 1:1, the 智能机器人 in a group, or the DingTalk robot. */
export type ChatMode = 'wecom' | 'bot' | 'dingtalk';

/** One message a sandbox platform accepted (the shape of test/fakes' FakeRecord). */
export interface SandboxRecord {
  api: string;
  to?: string;
  body: Record<string, unknown>;
}

/**
 * What the console needs from the sandbox platforms: the one-shot addresses the real platforms put
 * into each callback (a 智能机器人 response_url, a DingTalk sessionWebhook, a card's ResponseCode),
 * issued by the sandbox so it accepts the bot's answer there, and what it has accepted so far.
 */
export interface ChatSandbox {
  botResponseUrl(): Promise<string>;
  dingtalkSession(): Promise<{ url: string; expiresAt: number }>;
  responseCode(): Promise<string>;
  /** Records accepted after the first `after` ones, and the count to pass next time. */
  records(after: number): Promise<{ records: SandboxRecord[]; next: number }>;
}

/** A button of a shown card: pressed by typing its number. */
export interface ShownButton {
  number: number;
  text: string;
  button: CardButton;
  /** How the press reaches the bot: a card event (WeCom app / 智能机器人 template card) or typed text. */
  press: { kind: 'event'; taskId: string; via: 'wecom' | 'bot' } | { kind: 'text'; text: string };
}

/** One message the bot sent that the console shows. */
export interface ShownMessage {
  /** The readable body (a card: title, description and numbered buttons). */
  text: string;
  buttons: ShownButton[];
  /** Where an image was saved. */
  imagePath?: string;
  /** Why the sandbox refused it, when it did. */
  failed?: string;
  /** Where it went, when it is not a direct reply: 1:1, the group, another group of mine. */
  where?: string;
}

/** What a line typed into the console brought back: the replies to it, in order. */
export interface ChatTurn {
  said: string;
  replies: ShownMessage[];
  /** The bot had not answered everything within the wait (the rest shows up as it arrives). */
  incomplete: boolean;
}

export interface ChatConsoleOptions {
  ds: DataSource;
  /** Base URL of the running service, e.g. http://127.0.0.1:3000. */
  base: string;
  sandbox: ChatSandbox;
  mode: ChatMode;
  mobile: string;
  /** Group chat id (智能机器人 group, or a DingTalk conversation); '' = the person's enterprise group. */
  group?: string;
  wecom?: WecomAppConfig;
  wecomBot?: WecomBotConfig;
  dingtalk?: DingtalkConfig;
  /** The sender's clock for the callbacks' timestamps (default: now). */
  now?: () => Date;
  /** How long to wait for the bot's replies to one message (default 10 s). */
  replyWaitMs?: number;
  /** Where images the bot sent are saved (default .data/chat-images). */
  imageDir?: string;
  /** The @name the group text starts with (智能机器人). */
  mention?: string;
}

interface OutboxRow {
  id: string;
  idempotency_key: string;
  channel: string;
  target: string;
  payload: OutboundPayload;
  status: string;
  last_error: string | null;
}

const POLL_MS = 100;
const PLATFORM_OF: Record<ChatMode, Platform> = { wecom: 'wecom', bot: 'wecom_bot', dingtalk: 'dingtalk' };

/**
 * The chat console behind `npm run chat`, usable from tests: each `say` sends one signed and
 * encrypted callback exactly as the platform would and returns the bot's replies to that message —
 * found by the message's id in the outbox keys, shown once the sandbox has answered them — so a reply
 * always shows under the message it answers. Other messages to this person or their group (notices,
 * digests, images) come from `notices()`.
 */
export class ChatConsole {
  readonly person: Person;
  /** The person's accounts in the roster (person_account), by account platform. */
  readonly accounts: { wecom?: string; dingtalk?: string };
  readonly userId: string;
  /** The group chat when talking in one (its binding is what the bot sees). */
  readonly groupChat: GroupChat | null;
  private readonly platform: Platform;
  private outboxCursor = '0';
  private sandboxCursor = 0;
  private readonly mine = new Set<string>();
  /** Messages whose replies had not all come when `say` returned: id → what was said. */
  private readonly late = new Map<string, string>();
  private buttons: ShownButton[] = [];
  private imageCount = 0;

  private constructor(
    private readonly opts: ChatConsoleOptions,
    person: Person,
    accounts: { wecom?: string; dingtalk?: string },
    userId: string,
    groupChat: GroupChat | null,
  ) {
    this.person = person;
    this.accounts = accounts;
    this.userId = userId;
    this.groupChat = groupChat;
    this.platform = PLATFORM_OF[opts.mode];
  }

  static async open(opts: ChatConsoleOptions): Promise<ChatConsole> {
    const person = await opts.ds
      .getRepository(Person)
      .findOne({ where: { mobile: opts.mobile }, relations: { enterprise: true, unit: true } });
    if (!person) throw new Error(`花名册中没有手机号 ${opts.mobile}（先运行 npm run seed，或导入花名册）`);
    if (opts.mode === 'wecom' && !opts.wecom) throw new Error('没有企业微信自建应用的设置（WECOM_*）');
    if (opts.mode === 'bot' && !opts.wecomBot)
      throw new Error('没有企业微信智能机器人的设置（WECOM_BOT_TOKEN、WECOM_BOT_ENCODING_AES_KEY）');
    if (opts.mode === 'dingtalk' && !opts.dingtalk)
      throw new Error('没有钉钉机器人的设置（DINGTALK_APP_KEY、DINGTALK_APP_SECRET）');
    const rows = await opts.ds.getRepository(PersonAccount).findBy({ personId: person.id });
    const accounts = {
      wecom: rows.find((a) => a.platform === 'wecom')?.accountId,
      dingtalk: rows.find((a) => a.platform === 'dingtalk')?.accountId,
    };
    const userId = (opts.mode === 'dingtalk' ? accounts.dingtalk : accounts.wecom) ?? `chat-${person.mobile}`;
    const groupChat = await ChatConsole.findGroup(opts, person);
    const console = new ChatConsole(opts, person, accounts, userId, groupChat);
    const [row] = await opts.ds.query<{ id: string }[]>(
      `SELECT coalesce(max(id), 0)::text AS id FROM outbound_message`,
    );
    console.outboxCursor = row.id;
    console.sandboxCursor = (await opts.sandbox.records(0)).next;
    return console;
  }

  private static async findGroup(opts: ChatConsoleOptions, person: Person): Promise<GroupChat | null> {
    if (opts.group === undefined) return null;
    const platform = opts.mode === 'dingtalk' ? 'dingtalk' : 'wecom';
    const repo = opts.ds.getRepository(GroupChat);
    const relations = { enterprise: true, unit: true } as const;
    if (opts.group !== '') {
      const found = await repo.findOne({ where: { platform, chatId: opts.group }, relations });
      // A group the roster does not list: the bot sees it unbound, which is worth trying too.
      return found ?? Object.assign(new GroupChat(), { platform, chatId: opts.group, purpose: 'enterprise' });
    }
    if (!person.enterpriseId)
      throw new Error(`${person.name} 不是企业联系人：请用 --group 群ID 指定群聊（见花名册“群聊”表）`);
    const own = await repo.findOne({
      where: { platform, enterpriseId: person.enterpriseId, purpose: 'enterprise' },
      relations,
    });
    if (!own)
      throw new Error(
        `花名册中没有 ${person.enterprise?.name ?? '该企业'} 的${platform === 'dingtalk' ? '钉钉' : '企业微信'}企业群`,
      );
    return own;
  }

  /** Who is talking where, for the console's first line. */
  describe(): string {
    const channel = { wecom: '企业微信应用（单聊）', bot: '企业微信智能机器人', dingtalk: '钉钉机器人' }[
      this.opts.mode
    ];
    const group = this.groupChat
      ? `，在群 ${this.groupChat.chatId}（${bindingOf(this.groupChat)}）中 @机器人`
      : this.opts.mode === 'dingtalk'
        ? '（单聊）'
        : '';
    return `以 ${this.person.name}（${this.userId}）的身份通过${channel}${group}与助企机器人对话。`;
  }

  /**
   * Sends one line — text, or the number of a button shown earlier — and waits for the replies
   * to it. A message stays "mine" so replies that come later are still shown as its replies.
   */
  async say(line: string): Promise<ChatTurn> {
    const said = line.trim();
    const pressed = /^\d{1,2}$/.test(said) ? this.buttons.find((b) => b.number === Number(said)) : undefined;
    const { request, messageId } = pressed ? await this.press(pressed) : await this.text(said);
    this.mine.add(messageId);
    const res = await sendCallback(this.opts.base, request);
    if (res.status !== 200) {
      const body = (await res.text()).slice(0, 200);
      return {
        said,
        replies: [{ text: `（服务返回 ${res.status}：${body}）`, buttons: [] }],
        incomplete: false,
      };
    }
    const { rows, settled } = await this.waitForReplies(messageId);
    if (!settled) this.late.set(messageId, said);
    const replies = this.show(rows);
    return { said, replies, incomplete: !settled };
  }

  /**
   * What arrived since the last look that is not a reply just shown: late replies (labelled with the
   * message they answer), notices to this person 1:1 or to the group, and images the group received.
   */
  async notices(): Promise<ShownMessage[]> {
    const out: ShownMessage[] = [];
    for (const [messageId, said] of this.late) {
      const { rows, settled } = await this.repliesOf(messageId);
      if (settled) this.late.delete(messageId);
      for (const m of this.show(rows)) out.push({ ...m, where: `回复“${said}”` });
    }
    const rows = await this.opts.ds.query<OutboxRow[]>(
      `SELECT id::text AS id, idempotency_key, channel, target, payload, status, last_error
       FROM outbound_message WHERE id > $1 AND status <> 'pending' ORDER BY id`,
      [this.outboxCursor],
    );
    const pendingBefore = await this.opts.ds.query<{ id: string }[]>(
      `SELECT coalesce(min(id), 0)::text AS id FROM outbound_message WHERE id > $1 AND status = 'pending'`,
      [this.outboxCursor],
    );
    const stopAt = pendingBefore[0].id === '0' ? null : BigInt(pendingBefore[0].id);
    for (const row of rows) {
      // Keep the cursor behind a pending row, so it is seen once it has gone out.
      if (stopAt !== null && BigInt(row.id) > stopAt) break;
      this.outboxCursor = row.id;
      if (this.answersMine(row.idempotency_key)) continue;
      const where = await this.addressedToMe(row);
      if (where) out.push(...this.show([row]).map((m) => ({ ...m, where })));
    }
    const { records, next } = await this.opts.sandbox.records(this.sandboxCursor);
    this.sandboxCursor = next;
    const key = this.groupChat?.webhookUrl
      ? new URL(this.groupChat.webhookUrl).searchParams.get('key')
      : null;
    for (const r of records) {
      const image = (r.body as { msgtype?: string; image?: { base64?: string } }).image;
      if (r.api !== 'webhook/send' || r.body.msgtype !== 'image' || !image?.base64 || r.to !== key) continue;
      out.push({ text: '[图片]', buttons: [], imagePath: this.saveImage(image.base64), where: '群' });
    }
    return out;
  }

  /** A turn as the terminal shows it: the line, then each reply indented under it. */
  static format(turn: ChatTurn): string {
    const lines = turn.replies.map((m) => ChatConsole.formatMessage(m));
    if (turn.replies.length === 0)
      lines.push(turn.incomplete ? '  （暂无回复：服务的 worker 是否在运行？）' : '  （机器人没有回复）');
    else if (turn.incomplete) lines.push('  （其余回复稍后显示）');
    return lines.join('\n');
  }

  static formatMessage(m: ShownMessage): string {
    const head = m.where ? `助企机器人（${m.where}）：` : '助企机器人：';
    const body = m.imagePath ? `[图片] 已保存到 ${m.imagePath}` : m.text;
    const failed = m.failed ? `\n（发送失败：${m.failed}）` : '';
    return `${head}${body}${failed}`.replace(/^/gm, '  ');
  }

  private async text(text: string): Promise<{ request: CallbackRequest; messageId: string }> {
    const now = this.now();
    const { opts } = this;
    if (opts.mode === 'wecom') {
      const msgId = randomWecomMsgId();
      const request = buildWecomAppTextCallback(opts.wecom!, { userId: this.userId, text, msgId, now });
      return { request, messageId: jobSafeId(msgId) };
    }
    if (opts.mode === 'bot') {
      const msgId = `chat${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
      const request = buildWecomBotTextCallback(opts.wecomBot!, {
        userId: this.userId,
        chatId: this.groupChat?.chatId,
        text,
        mention: opts.mention,
        msgId,
        responseUrl: await opts.sandbox.botResponseUrl(),
        now,
      });
      return { request, messageId: jobSafeId(msgId) };
    }
    const msgId = `msgchat${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    const session = await opts.sandbox.dingtalkSession();
    const request = buildDingtalkTextCallback(opts.dingtalk!, {
      userId: this.userId,
      text,
      now,
      msgId,
      group: this.groupChat !== null,
      conversationId: this.groupChat?.chatId ?? `cidchat${this.person.mobile}`,
      senderNick: this.person.name,
    });
    // The sandbox issued the session: the bot's reply is accepted there and nowhere else.
    const body = JSON.parse(request.body!) as Record<string, unknown>;
    body.sessionWebhook = session.url;
    body.sessionWebhookExpiredTime = session.expiresAt;
    return {
      request: { ...request, body: JSON.stringify(body) },
      messageId: jobSafeId(msgId),
    };
  }

  private async press(b: ShownButton): Promise<{ request: CallbackRequest; messageId: string }> {
    if (b.press.kind === 'text') return this.text(b.press.text);
    const now = this.now();
    if (b.press.via === 'wecom') {
      const responseCode = await this.opts.sandbox.responseCode();
      const request = buildWecomAppCardEventCallback(this.opts.wecom!, {
        userId: this.userId,
        eventKey: b.button.key,
        taskId: b.press.taskId,
        responseCode,
        now,
      });
      const createTime = Math.floor(now.getTime() / 1000);
      const id = `${this.userId}-${createTime}-template_card_event-${responseCode}`;
      return { request, messageId: jobSafeId(id) };
    }
    const msgId = `chat${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    const request = buildWecomBotCardEventCallback(this.opts.wecomBot!, {
      userId: this.userId,
      chatId: this.groupChat?.chatId,
      eventKey: b.button.key,
      taskId: b.press.taskId,
      msgId,
      responseUrl: await this.opts.sandbox.botResponseUrl(),
      now,
    });
    return { request, messageId: jobSafeId(msgId) };
  }

  /** Shared by every console of the process, like one sender's clock. */
  private static lastMs = 0;

  /**
   * The sender's clock, strictly increasing: DingTalk's sign covers only the timestamp, so two
   * messages in the same millisecond would look like a replay (the real platform never sends that).
   */
  private now(): Date {
    const ms = Math.max((this.opts.now?.() ?? new Date()).getTime(), ChatConsole.lastMs + 1);
    ChatConsole.lastMs = ms;
    return new Date(ms);
  }

  private keyPrefixes(messageId: string): string[] {
    const p = this.platform;
    return [`reply-${p}-${messageId}-`, `private-${p}-${messageId}-`, `card-${p}-${messageId}`];
  }

  private answersMine(key: string): boolean {
    const m = /^(?:reply|private|card)-(wecom_bot|wecom|dingtalk)-(.+?)(?:-\d+)?$/.exec(key);
    return !!m && m[1] === this.platform && this.mine.has(m[2]);
  }

  /** The outbox rows answering one message, and whether the bot is done with it and they all went out. */
  private async repliesOf(messageId: string): Promise<{ rows: OxRows; settled: boolean }> {
    const [a, b, c] = this.keyPrefixes(messageId);
    const rows = await this.opts.ds.query<OutboxRow[]>(
      `SELECT id::text AS id, idempotency_key, channel, target, payload, status, last_error
       FROM outbound_message
       WHERE idempotency_key LIKE $1 || '%' OR idempotency_key LIKE $2 || '%' OR idempotency_key = $3
       ORDER BY id`,
      [a, b, c],
    );
    const [inbound] = await this.opts.ds.query<{ done: boolean }[]>(
      `SELECT handled_at IS NOT NULL OR dead_at IS NOT NULL AS done FROM inbound_message
       WHERE platform = $1 AND message_id = $2`,
      [this.platform, messageId],
    );
    const settled = !!inbound?.done && rows.every((r) => r.status !== 'pending');
    return { rows: rows.filter((r) => r.status !== 'pending'), settled };
  }

  private async waitForReplies(messageId: string): Promise<{ rows: OxRows; settled: boolean }> {
    const deadline = Date.now() + (this.opts.replyWaitMs ?? 10_000);
    for (;;) {
      const result = await this.repliesOf(messageId);
      if (result.settled || Date.now() > deadline) return result;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  /** Outbox rows already shown (a late reply is shown once, whoever finds it). */
  private readonly shown = new Set<string>();

  /** Renders outbox rows (once each), numbering card buttons from 1 across the newest messages. */
  private show(rows: OxRows): ShownMessage[] {
    const out: ShownMessage[] = [];
    for (const row of rows) {
      if (this.shown.has(row.id)) continue;
      this.shown.add(row.id);
      out.push(this.render(row));
    }
    return out;
  }

  private render(row: OxRows[number]): ShownMessage {
    const p = row.payload;
    const failed = row.status === 'failed' ? (row.last_error ?? '未知原因') : undefined;
    if (row.channel === 'wecom_card_update') {
      return { text: `（卡片按钮已变为“${p.text ?? ''}”）`, buttons: [], failed };
    }
    if (p.msgtype === 'card' && p.card) {
      const buttons = p.card.buttons.map((button, i): ShownButton => {
        const number = i + 1;
        const event =
          row.channel === 'wecom_app' ? 'wecom' : row.channel === 'wecom_bot_response' ? 'bot' : null;
        const press: ShownButton['press'] = event
          ? { kind: 'event', taskId: wecomTaskId(row.idempotency_key), via: event }
          : {
              kind: 'text',
              text:
                row.channel === 'wecom_webhook'
                  ? (button.typed ?? buttonCommand(button))
                  : buttonCommand(button),
            };
        return { number, text: button.text, button, press };
      });
      if (buttons.length > 0) this.buttons = buttons;
      const list = buttons.map((b) => `\n  [${b.number}] ${b.text}`).join('');
      const hint = buttons.length ? '\n  （输入按钮前的数字即按下该按钮）' : '';
      return { text: `【${p.card.title}】\n${p.card.description}${list}${hint}`, buttons, failed };
    }
    const text = p.msgtype === 'markdown' && p.markdown ? p.markdown.text : (p.text ?? '');
    return { text, buttons: [], failed };
  }

  /** Whether an outbox row not answering one of my messages reaches me, and how to label it. */
  private async addressedToMe(row: OutboxRow): Promise<string | null> {
    const { accounts, groupChat } = this;
    const ids = row.target.split('|');
    switch (row.channel) {
      case 'wecom_app':
      case 'wecom_card_update':
        return accounts.wecom && ids.includes(accounts.wecom) ? '企业微信单聊' : null;
      case 'dingtalk_api_user':
        return accounts.dingtalk && row.target.includes(accounts.dingtalk) ? '钉钉单聊' : null;
      case 'wecom_webhook':
      case 'dingtalk_robot':
        if (groupChat && (row.target === groupChat.id || row.target === groupChat.webhookUrl)) return '群';
        return this.groupOfMine(row.target);
      case 'dingtalk_api_group':
        return groupChat && row.target.includes(groupChat.chatId) ? '群' : null;
      default:
        return null;
    }
  }

  private readonly groupLabels = new Map<string, string | null>();

  /** A group robot message to another group this person belongs to by role (unit, district, leaders). */
  private async groupOfMine(groupRowId: string): Promise<string | null> {
    if (this.groupLabels.has(groupRowId)) return this.groupLabels.get(groupRowId)!;
    const group = await this.opts.ds
      .getRepository(GroupChat)
      .findOne({ where: { id: groupRowId }, relations: { enterprise: true, unit: true } })
      .catch(() => null);
    let label: string | null = null;
    const { person } = this;
    if (group) {
      const myUnit = group.unitId !== null && group.unitId === person.unitId;
      const leaders = group.purpose === 'leaders' && person.roles.includes('leader');
      const myFirm = group.enterpriseId !== null && group.enterpriseId === person.enterpriseId;
      if (myUnit || leaders || myFirm) label = `群 ${group.chatId}（${bindingOf(group)}）`;
    }
    this.groupLabels.set(groupRowId, label);
    return label;
  }

  private saveImage(base64: string): string {
    const dir = this.opts.imageDir ?? path.resolve('.data/chat-images');
    mkdirSync(dir, { recursive: true });
    const bytes = Buffer.from(base64, 'base64');
    const ext = bytes[0] === 0xff && bytes[1] === 0xd8 ? 'jpg' : 'png';
    const file = path.join(dir, `${Date.now()}-${++this.imageCount}.${ext}`);
    writeFileSync(file, bytes);
    return file;
  }
}

type OxRows = OutboxRow[];

/** A group's binding as the roster states it. */
export function bindingOf(group: GroupChat): string {
  const purpose = { enterprise: '企业群', unit: '单位群', district: '区县群', leaders: '领导群' }[
    group.purpose
  ];
  const bound = group.enterprise?.shortName ?? group.enterprise?.name ?? group.unit?.name;
  return bound ? `${purpose}：${bound}` : group.id ? purpose : '花名册中未登记的群';
}
