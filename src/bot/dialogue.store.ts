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

  async clear(platform: string, chatId: string | null, senderId: string): Promise<boolean> {
    return (await this.redis.del(this.key(platform, chatId, senderId))) > 0;
  }
}
