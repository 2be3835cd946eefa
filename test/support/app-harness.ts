import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { buildContainer, type Container } from '../../src/app/container';
import { buildWebServer } from '../../src/app/web';
import { startWorkers } from '../../src/app/worker';
import { type Config, loadConfig } from '../../src/config';
import { FixedClock } from '../../src/lib/clock';
import { createLogger } from '../../src/lib/logger';
import { type CallbackRequest, sendCallback } from './callbacks/callback-request';
import { buildWecomAppTextCallback, randomWecomMsgId } from './callbacks/wecom-callback.builder';
import type { FakeRecord } from '../fakes/fake-server';
import { FakeWecom, type FakeWecomOptions } from '../fakes/fake-wecom';
import { testDatabaseUrl } from './db';
import { TEST_REDIS_URL, testPrefix } from './env';

/** The admin token the harness's /api answers to. */
export const HARNESS_ADMIN_TOKEN = 'harness-admin-token-0123456789';

/** WeCom app settings matching the FakeWecom the harness starts (the key is any 43 alphanumerics). */
const WECOM_ENV = {
  WECOM_CORP_ID: 'wwharness000001',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'harness-app-secret',
  WECOM_TOKEN: 'harnessToken',
  WECOM_ENCODING_AES_KEY: 'HarnessQinShangKey0123456789abcdefghijklmno',
};

export interface AppHarnessOptions {
  /** What the app's clock reads (default: Monday 2026-11-23 10:00 in Beijing). */
  now?: Date;
  /** Extra or overriding settings, e.g. `{ ADMIN_TOKEN: '' }`. */
  env?: Record<string, string>;
  /** Start the inbound, outbound and scheduled workers (default true). */
  workers?: boolean;
  /** Options of the fake WeCom, e.g. the group robot keys the roster's webhooks use. */
  wecom?: FakeWecomOptions;
}

/** The real web app and workers on the test database, a fresh Redis prefix and a fake WeCom. */
export interface AppHarness {
  /** `http://127.0.0.1:<port>` of the web app. */
  base: string;
  fake: FakeWecom;
  clock: FixedClock;
  config: Config;
  container: Container;
  /** Sends a built callback to the web app. */
  send(request: CallbackRequest): Promise<Response>;
  /** A WeCom app text message from `userId` through the real /wecom/callback route; returns its MsgId. */
  sayWecom(userId: string, text: string, msgId?: string): Promise<string>;
  /** Waits until the fake accepted a message matching `match` (default 20 s), and returns it. */
  waitForSent(match: (r: FakeRecord) => boolean, timeoutMs?: number): Promise<FakeRecord>;
  /** Texts (and card titles/descriptions) the fake sent through message/send to `userId`, in order. */
  textsTo(userId: string): string[];
  close(): Promise<void>;
}

/** The readable content of one accepted WeCom message. */
export function contentOf(r: FakeRecord): string {
  const b = r.body as Record<
    string,
    { content?: string; main_title?: { title?: string }; sub_title_text?: string }
  >;
  const type = String(r.body.msgtype);
  if (type === 'template_card') {
    return `${b.template_card.main_title?.title ?? ''}\n${b.template_card.sub_title_text ?? ''}`;
  }
  return b[type]?.content ?? '';
}

/**
 * Starts what `npm start` starts — the container, the web app on port 0 and the workers — against this
 * jest worker's database, a Redis prefix of its own and a FakeWecom that `WECOM_API_BASE` points at.
 * The caller loads the roster it needs; `close()` stops everything it started.
 */
export async function startAppHarness(options: AppHarnessOptions = {}): Promise<AppHarness> {
  const fake = await new FakeWecom({
    corpId: WECOM_ENV.WECOM_CORP_ID,
    secret: WECOM_ENV.WECOM_SECRET,
    ...options.wecom,
  }).start();
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const config = loadConfig({
    DATABASE_URL: testDatabaseUrl(),
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `${testPrefix()}_app_${unique}`,
    ADMIN_TOKEN: HARNESS_ADMIN_TOKEN,
    WECOM_API_BASE: fake.url,
    WECOM_OAUTH_BASE: fake.url,
    WECOM_LOGIN_BASE: fake.url,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    ...WECOM_ENV,
    ...options.env,
  });
  const clock = new FixedClock(options.now ?? new Date('2026-11-23T02:00:00Z'));
  const container = await buildContainer(config, clock, createLogger(config.logLevel));
  const server: Server = buildWebServer(container).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const workers = options.workers === false ? null : await startWorkers(container);

  const waitForSent = async (match: (r: FakeRecord) => boolean, timeoutMs = 20_000) => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = fake.sent.find(match);
      if (found) return found;
      if (Date.now() > end) {
        throw new Error(`the fake did not receive the expected message; sent: ${JSON.stringify(fake.sent)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  return {
    base,
    fake,
    clock,
    config,
    container,
    send: (request) => sendCallback(base, request),
    sayWecom: async (userId, text, msgId = randomWecomMsgId()) => {
      const request = buildWecomAppTextCallback(config.wecom!, { userId, text, msgId, now: clock.now() });
      const res = await sendCallback(base, request);
      if (res.status !== 200) throw new Error(`callback answered ${res.status}: ${await res.text()}`);
      return msgId;
    },
    waitForSent,
    textsTo: (userId) => fake.sent.filter((r) => r.api === 'message/send' && r.to === userId).map(contentOf),
    close: async () => {
      await workers?.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await container.close();
      await fake.close();
    },
  };
}
