import type { DataSource } from 'typeorm';
import { fallbackFor } from '../commands/parser/help';
import type { Command, CommandName, ParseContext, ParseResult } from '../commands/parser/types';
import { GroupChat, type Person } from '../entities';
import type { Clock } from '../lib/clock';
import { UserError } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { dateOf } from '../lib/time';
import { commandRefusal, mayUseCommand } from '../services/permissions';
import type { BotContext, CommandHandler, DialogueHandler } from './context';
import type { DialogueStore } from './dialogue.store';
import { accountPlatformOf, type IdentityService } from './identity.service';
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
    const ctx = await this.context(msg);
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
      await ctx.reply(ctx.person ? fallbackFor(ctx.roles) : REPLIES.unknownSender);
      return;
    }

    const parsed = this.deps.parse(input, {
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

    const open = await this.deps.dialogues.get(msg.platform, msg.chatId, msg.senderId);
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
        await ctx.reply(fallbackFor(ctx.roles));
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

  private async context(msg: InboundMessage): Promise<BotContext> {
    const now = this.deps.clock.now();
    const person: Person | null = await this.deps.identity.identify(msg.platform, msg.senderId);
    const group = msg.chatId
      ? await this.deps.ds.getRepository(GroupChat).findOne({
          where: { platform: accountPlatformOf(msg.platform), chatId: msg.chatId },
          relations: { enterprise: true },
        })
      : null;
    let seq = 0;
    const ctx: BotContext = {
      msg,
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
    };
    return ctx;
  }
}
