import type { Redis } from 'ioredis';

/** A half-finished command waiting for the sender's next message. */
export interface DialogueState {
  /** The command being completed, e.g. 'visit'. */
  command: string;
  /** What we asked for, e.g. 'enterprise'. */
  expecting: string;
  /** Numbered choices offered, if any (index 1 → choices[0]). */
  choices?: { id: string; label: string }[];
  /** Whatever the feature needs to finish the command (plain JSON). */
  data: Record<string, unknown>;
  /** How many times a reply did not fit; after a few tries the dialogue ends. */
  misses?: number;
}

/** Something one message stored, which "撤销" undoes: visits by id, problems by code. */
export interface StoredEntry {
  visits: string[];
  problems: string[];
}

/** Conversation state in Redis with a time-out: one open dialogue per sender per chat. */
export class DialogueStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds = 600,
  ) {}

  private key(platform: string, chatId: string | null, senderId: string): string {
    return `${this.prefix}:dialogue:${platform}:${chatId ?? 'dm'}:${senderId}`;
  }

  async get(platform: string, chatId: string | null, senderId: string): Promise<DialogueState | null> {
    const raw = await this.redis.get(this.key(platform, chatId, senderId));
    return raw ? (JSON.parse(raw) as DialogueState) : null;
  }

  async set(platform: string, chatId: string | null, senderId: string, state: DialogueState): Promise<void> {
    await this.redis.set(this.key(platform, chatId, senderId), JSON.stringify(state), 'EX', this.ttlSeconds);
  }

  /** Remembers what the sender's last message stored, so that "撤销" can undo it (same time-out). */
  async remember(
    platform: string,
    chatId: string | null,
    senderId: string,
    entry: StoredEntry,
  ): Promise<void> {
    await this.redis.set(
      this.lastKey(platform, chatId, senderId),
      JSON.stringify(entry),
      'EX',
      this.ttlSeconds,
    );
  }

  /** What the sender's last message stored, taken (read and forgotten) for an undo. */
  async takeLast(platform: string, chatId: string | null, senderId: string): Promise<StoredEntry | null> {
    const raw = await this.redis.getdel(this.lastKey(platform, chatId, senderId));
    return raw ? (JSON.parse(raw) as StoredEntry) : null;
  }

  private lastKey(platform: string, chatId: string | null, senderId: string): string {
    return `${this.prefix}:last-stored:${platform}:${chatId ?? 'dm'}:${senderId}`;
  }

  async clear(platform: string, chatId: string | null, senderId: string): Promise<boolean> {
    return (await this.redis.del(this.key(platform, chatId, senderId))) > 0;
  }
}
