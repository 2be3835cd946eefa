import type { Person } from '../entities';
import type { GroupChat } from '../entities';
import type { Role } from '../entities/enums';
import type { IsoDate } from '../lib/time';
import type { DialogueState, StoredEntry } from './dialogue.store';
import type { InboundMessage } from './inbound-message';
import type { ReplyPayload } from './reply';

/** Everything a command handler may know about one message. */
export interface BotContext {
  msg: InboundMessage;
  /** The account namespace of the sender's platform (where its user and chat ids live). */
  accounts: string;
  /** The roster person, or null for an unknown sender (only 绑定 and 帮助 reach handlers then). */
  person: Person | null;
  roles: Role[];
  /** The group chat row the message came from, if the group is bound. */
  group: GroupChat | null;
  /** The enterprise bound to this group chat, if any. */
  groupEnterprise: { id: string; name: string } | null;
  now: Date;
  today: IsoDate;
  /** Idempotency key for rows this message creates: `platform:messageId`. */
  sourceKey: string;
  reply(payload: ReplyPayload | string): Promise<void>;
  /** Starts (or replaces) a dialogue: the next message from this sender resumes `command`. */
  ask(question: string, state: DialogueState): Promise<void>;
  /** Ends the open dialogue, if any. */
  endDialogue(): Promise<void>;
  /** Records what this message stored, so the sender's "撤销" can undo it. */
  remember?(entry: Partial<StoredEntry>): Promise<void>;
}

/** A handler for one parsed command. */
export type CommandHandler<C> = (command: C, ctx: BotContext) => Promise<void>;

/** A handler that continues a dialogue with the sender's next message. */
export type DialogueHandler = (text: string, state: DialogueState, ctx: BotContext) => Promise<void>;
