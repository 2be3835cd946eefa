import type { DataSource } from 'typeorm';
import { buildBot } from '../../src/app/bot';
import { buildSending } from '../../src/app/sending';
import type { Bot } from '../../src/bot/bot';
import { type AppHarness, startAppHarness } from './app-harness';
import { closeTestDataSource, testDataSource, truncateAll } from './db';
import { seedRoster } from './demo-roster';

/** What a file that talks to the bot on the demo roster works with. */
export interface DemoBot {
  ds: DataSource;
  /** The app (no workers: outbox rows stay pending, answers are read back from them). */
  h: AppHarness;
  sending: ReturnType<typeof buildSending>;
  bot: Bot;
}

export interface DemoBotOptions {
  /** Extra settings of the app, e.g. `{ QUALITY_CHECK_RATE: '0' }`. */
  env?: Record<string, string>;
  /** Build the bot anew before each test (its roster words are cached), not once per file. */
  botPerTest?: boolean;
  /** Runs before each test once the demo roster is loaded. */
  beforeEach?: (f: DemoBot) => Promise<void> | void;
}

/**
 * The bot as the inbound worker runs it (real parser, dialogues in Redis, outbox) on the demo roster,
 * loaded afresh before each test. Registers the file's hooks; `bind` receives the fixture once the app
 * is up (and again whenever the bot is rebuilt).
 */
export function useBotOnDemoRoster(options: DemoBotOptions, bind: (f: DemoBot) => void): void {
  let f: DemoBot;
  beforeAll(async () => {
    const ds = await testDataSource();
    const h = await startAppHarness({ workers: false, env: options.env });
    const sending = buildSending(h.container);
    f = { ds, h, sending, bot: undefined as unknown as Bot };
    if (!options.botPerTest) f.bot = buildBot(h.container, sending);
    bind(f);
  });
  beforeEach(async () => {
    await truncateAll(f.ds);
    await seedRoster(f.ds);
    if (options.botPerTest) {
      f = { ...f, bot: buildBot(f.h.container, f.sending) };
      bind(f);
    }
    await options.beforeEach?.(f);
  });
  afterAll(async () => {
    await f?.h.close();
    await closeTestDataSource();
  });
}
