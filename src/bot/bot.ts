import type { DataSource } from 'typeorm';
import { refreshRosterExamples } from '../commands/parser/examples';
import type { Command, CommandName, ParseContext, ParseResult } from '../commands/parser/types';
import { GroupChat, type Person } from '../entities';
import type { Clock } from '../lib/clock';
import { UserError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { dateOf } from '../lib/time';
import { commandRefusal, mayUseCommand } from '../services/permissions';
import type { BotContext, CommandHandler, DialogueHandler } from './context';
import type { DialogueState, DialogueStore, StoredEntry } from './dialogue.store';
import type { Reading } from '../commands/understand/types';
import { readingAction } from './reading-action';
import { fallbackReply } from './fallback';
import type { IdentityService } from './identity.service';
import type { InboundMessage } from './inbound-message';
import { type Replier, type ReplyPayload, text } from './reply';
import { REPLIES } from './replies';

/** One feature's commands and dialogue continuations, installed centrally. */
export interface Feature {
  commands: { [K in CommandName]?: CommandHandler<Extract<Command, { name: K }>> };
  dialogues?: Record<string, DialogueHandler>;
  /** Starts a dialogue for a recognised command that lacks something, instead of the parser's hint. */
  incomplete?: { [K in CommandName]?: IncompleteHandler };
}

/** A parse result for a recognised command with missing parts. */
export type Incomplete = Extract<ParseResult, { missing: string[] }>;
export type IncompleteHandler = (parsed: Incomplete, ctx: BotContext) => Promise<void>;

export interface BotDeps {
  ds: DataSource;
  identity: IdentityService;
  dialogues: DialogueStore;
  replier: Replier;
  clock: Clock;
  logger: Logger;
  parse: (text: string, ctx: ParseContext) => ParseResult;
  /** Help lines (Chinese) for a sender's roles. */
  helpFor: (ctx: BotContext) => string;
  features: Feature[];
  /** Reads sentences as well as commands; without it only the command parser runs. */
  understanding?: { read(text: string, ctx: BotContext, open: DialogueState | null): Promise<Reading> };
  /** Undoes what a message stored ("撤销"); says what was undone. */
  undo?: (entry: StoredEntry, ctx: BotContext) => Promise<string>;
}

/** Personal lists: answered only 1:1; asked in a group, the group hears that they went privately. */
const PRIVATE_COMMANDS: ReadonlySet<CommandName> = new Set(['myTasks', 'myEnterprises']);

/**
 * The platform-neutral core: identify the sender, restore the dialogue, parse, route to a
 * feature, reply. Handlers are idempotent per message (ctx.sourceKey), so a redelivered job
 * neither stores nor says anything twice.
 */
export class Bot {
  private readonly handlers = new Map<CommandName, CommandHandler<Command>>();
  private readonly continuations = new Map<string, DialogueHandler>();
  private readonly starters = new Map<CommandName, IncompleteHandler>();

  constructor(private readonly deps: BotDeps) {
    for (const feature of deps.features) {
      for (const [name, handler] of Object.entries(feature.commands)) {
        if (this.handlers.has(name as CommandName)) throw new Error(`two handlers for command ${name}`);
        this.handlers.set(name as CommandName, handler as CommandHandler<Command>);
      }
      for (const [name, handler] of Object.entries(feature.dialogues ?? {})) {
        if (this.continuations.has(name)) throw new Error(`two dialogue handlers for ${name}`);
        this.continuations.set(name, handler);
      }
      for (const [name, handler] of Object.entries(feature.incomplete ?? {})) {
        this.starters.set(name as CommandName, handler);
      }
    }
  }

  /** Handles one stored inbound message. */
  async handle(msg: InboundMessage): Promise<void> {
    // Examples in 帮助, hints and errors name firms and units of the roster as it is now (read beside the sender).
    const [, ctx] = await Promise.all([refreshRosterExamples(this.deps.ds), this.context(msg)]);
    try {
      await this.dispatch(ctx);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      await ctx.reply(err.userMessage ?? err.message);
    }
    // A pressed card button shows it was taken, so nobody presses it twice.
    if (msg.action?.responseCode) await this.deps.replier.markPressed(msg, REPLIES.pressed);
  }

  private async dispatch(ctx: BotContext): Promise<void> {
    const { msg } = ctx;
    if (msg.event === 'enter') {
      await ctx.reply(ctx.person ? this.deps.helpFor(ctx) : REPLIES.unknownSender);
      return;
    }
    if (msg.event === 'unsupported') {
      await ctx.reply(REPLIES.textOnly);
      return;
    }
    const input = msg.action?.key ?? msg.text;
    if (input.trim() === '') {
      if (msg.event) return; // other events (subscribe, menu) need no answer
      await ctx.reply(ctx.person ? fallbackReply(msg.text, ctx.roles) : REPLIES.unknownSender);
      return;
    }

    const open = await this.deps.dialogues.get(msg.platform, msg.chatId, msg.senderId);
    // Button keys are commands the bot wrote itself; typed text from a known sender is understood.
    const understanding = ctx.person && !msg.action ? this.deps.understanding : undefined;
    const reading = understanding ? await understanding.read(input, ctx, open) : null;
    if (reading && (await this.actOnReading(reading, open, ctx))) return;
    const parsed =
      reading?.result ??
      this.deps.parse(input, {
        roles: ctx.roles,
        groupEnterprise: ctx.groupEnterprise,
        today: ctx.today,
        inGroup: msg.chatId !== null,
      });
    const commandName: CommandName | null = parsed.ok ? parsed.command.name : parsed.command;
    // A sender not on the roster has no roles: only the commands open to anyone (绑定, 帮助, 取消).
    if (!ctx.person && !(commandName && mayUseCommand([], commandName))) {
      await ctx.reply(REPLIES.unknownSender);
      return;
    }

    if (parsed.ok && parsed.command.name === 'cancel') {
      const had = await this.deps.dialogues.clear(msg.platform, msg.chatId, msg.senderId);
      await ctx.reply(had ? REPLIES.cancelled : REPLIES.nothingToCancel);
      return;
    }
    // A reply that is not a new command continues the open dialogue.
    const isNewCommand = commandName !== null && commandName !== 'choice';
    if (open && !isNewCommand) {
      const resume = this.continuations.get(open.command);
      if (resume) {
        await resume(input, open, ctx);
        return;
      }
      await ctx.endDialogue();
    }
    if (open && isNewCommand) await ctx.endDialogue();

    // The one permission rule: a command the sender's roles do not allow is refused, saying which.
    if (commandName && !mayUseCommand(ctx.roles, commandName)) {
      await ctx.reply(commandRefusal(commandName));
      return;
    }

    if (!parsed.ok) {
      if (!('missing' in parsed)) {
        await ctx.reply(fallbackReply(input, ctx.roles));
        return;
      }
      const start = parsed.command ? this.starters.get(parsed.command) : undefined;
      if (start && parsed.missing.length > 0) {
        // The feature asks for what is missing, e.g. "走访的是哪家企业？" with numbered firms.
        await start(parsed, ctx);
        return;
      }
      await ctx.reply(parsed.hint);
      return;
    }
    if (parsed.command.name === 'choice') {
      await ctx.reply(REPLIES.noOpenQuestion);
      return;
    }
    if (parsed.command.name === 'help') {
      await ctx.reply(this.deps.helpFor(ctx));
      return;
    }
    const handler = this.handlers.get(parsed.command.name);
    if (!handler) {
      await ctx.reply(REPLIES.notAvailableYet);
      return;
    }
    await handler(
      parsed.command,
      PRIVATE_COMMANDS.has(parsed.command.name) ? await this.privately(ctx) : ctx,
    );
  }

  /** In a group: says so there, and hands back a context whose replies go to the sender 1:1. */
  private async privately(ctx: BotContext): Promise<BotContext> {
    if (ctx.msg.chatId === null) return ctx;
    await ctx.reply(REPLIES.answeredPrivately);
    let seq = 0;
    return {
      ...ctx,
      reply: (payload) =>
        this.deps.replier.replyPrivately(
          ctx.msg,
          typeof payload === 'string' ? text(payload) : payload,
          seq++,
        ),
    };
  }

  /**
   * What a reading settles before the command routing: a yes or a number answering "是要登记…吗？", an undo,
   * a future visit, chit-chat, and the one short question when the reading is unsure. True when handled.
   */
  private async actOnReading(
    reading: Reading,
    open: DialogueState | null,
    ctx: BotContext,
  ): Promise<boolean> {
    const confirming = open?.command === 'confirmReading';
    const options = confirming ? ((open.data.options as Command[][] | undefined) ?? []) : [];
    const action = readingAction(reading, confirming, options.length);
    switch (action.kind) {
      case 'route':
        if (confirming) await ctx.endDialogue();
        return false;
      case 'resume':
        if (confirming) {
          await ctx.reply('请回复 1 确认，或发送“取消”放弃。');
          return true;
        }
        return false;
      case 'run':
        await ctx.endDialogue();
        await this.runAll(options[action.option] ?? [], ctx);
        return true;
      case 'undo': {
        const entry = await this.deps.dialogues.takeLast(ctx.msg.platform, ctx.msg.chatId, ctx.msg.senderId);
        await ctx.reply(entry && this.deps.undo ? await this.deps.undo(entry, ctx) : REPLIES.nothingToUndo);
        return true;
      }
      case 'say':
        await ctx.reply(action.text);
        return true;
      case 'fallback': {
        if (open) return false;
        await ctx.reply(fallbackReply(ctx.msg.text, ctx.roles));
        return true;
      }
      case 'ask':
        await ctx.ask(action.question, {
          command: 'confirmReading',
          expecting: 'confirm',
          data: { options: action.options },
        });
        return true;
    }
  }

  /** Runs confirmed commands in turn; each after the first gets its own idempotency key. */
  private async runAll(commands: Command[], ctx: BotContext): Promise<void> {
    for (const [i, command] of commands.entries()) {
      const handler = this.handlers.get(command.name);
      if (!handler) continue;
      await handler(command, i === 0 ? ctx : { ...ctx, sourceKey: `${ctx.sourceKey}-${i + 1}` });
    }
  }

  private async context(msg: InboundMessage): Promise<BotContext> {
    const now = this.deps.clock.now();
    const accounts = this.deps.identity.accountOf(msg.platform);
    const [person, group]: [Person | null, GroupChat | null] = await Promise.all([
      this.deps.identity.identify(msg.platform, msg.senderId),
      msg.chatId
        ? this.deps.ds.getRepository(GroupChat).findOne({
            where: { platform: accounts, chatId: msg.chatId },
            relations: { enterprise: true },
          })
        : null,
    ]);
    let seq = 0;
    const stored: StoredEntry = { visits: [], problems: [] };
    const ctx: BotContext = {
      msg,
      accounts,
      person,
      roles: person?.roles ?? [],
      group,
      groupEnterprise: group?.enterprise ? { id: group.enterprise.id, name: group.enterprise.name } : null,
      now,
      today: dateOf(now),
      sourceKey: `${msg.platform}:${msg.messageId}`,
      reply: (payload: ReplyPayload | string) =>
        this.deps.replier.reply(msg, typeof payload === 'string' ? text(payload) : payload, seq++),
      ask: async (question, state) => {
        await this.deps.dialogues.set(msg.platform, msg.chatId, msg.senderId, state);
        await ctx.reply(question);
      },
      endDialogue: async () => {
        await this.deps.dialogues.clear(msg.platform, msg.chatId, msg.senderId);
      },
      remember: async (entry) => {
        stored.visits.push(...(entry.visits ?? []));
        stored.problems.push(...(entry.problems ?? []));
        await this.deps.dialogues.remember(msg.platform, msg.chatId, msg.senderId, stored);
      },
    };
    return ctx;
  }
}
