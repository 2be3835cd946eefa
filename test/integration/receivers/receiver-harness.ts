import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import type { InboundMessage } from '../../../src/bot/inbound-message';
import { loadConfig } from '../../../src/config';
import IORedis from 'ioredis';
import { Metrics } from '../../../src/http/metrics';
import { endRedis } from '../../../src/infra/redis';
import {
  fastReceivers,
  mountReceivers,
  RedisReplayGuard,
  type ReceiverDeps,
} from '../../../src/http/receivers';
import { RejectLog } from '../../../src/platforms/kit/reject-log';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';
import { FixedClock } from '../../../src/lib/clock';
import { V1_KEYS } from '../../fixtures/platforms/wecom-vectors';

/** Settings with every platform on: the WeCom app and 智能机器人 use Tencent's V1 keys. */
export const TEST_ENV = {
  WECOM_CORP_ID: V1_KEYS.receiveId,
  WECOM_AGENT_ID: '218',
  WECOM_SECRET: 'app-secret',
  WECOM_TOKEN: V1_KEYS.token,
  WECOM_ENCODING_AES_KEY: V1_KEYS.encodingAesKey,
  WECOM_BOT_TOKEN: V1_KEYS.token,
  WECOM_BOT_ENCODING_AES_KEY: V1_KEYS.encodingAesKey,
  DINGTALK_APP_KEY: 'dingappkey',
  DINGTALK_APP_SECRET: 'dingtalk-app-secret-for-tests',
  CALLBACK_MAX_SKEW_SECONDS: '300',
};

export interface Harness {
  base: string;
  clock: FixedClock;
  /** Messages intake accepted. */
  received: InboundMessage[];
  /** Log lines (parsed JSON) at warn and above. */
  logs: Array<{ level: number; msg: string; status?: number; reason?: string }>;
  /** Replaces intake's behaviour (default: record the message). */
  setIntake(fn: (msg: InboundMessage) => Promise<void>): void;
  config: ReturnType<typeof loadConfig>;
  /** The receivers' metrics (qinshang_callbacks_rejected_total). */
  metrics: Metrics;
  close(): Promise<void>;
}

/** Starts the receivers on port 0 (node:http fast path ahead of express, as in the web process); intake is the recording seam, not a DB mock. */
export async function startReceivers(
  env: Record<string, string> = TEST_ENV,
  options: {
    now?: Date;
    intakeTimeoutMs?: number;
    welcome?: (msg: InboundMessage) => Promise<string>;
    /** 'fast' (default): the web process's node:http callback path ahead of express; 'express': express only. */
    transport?: 'fast' | 'express';
  } = {},
): Promise<Harness> {
  const config = loadConfig(env);
  const clock = new FixedClock(options.now ?? new Date('2026-11-23T02:00:00Z'));
  const received: InboundMessage[] = [];
  const logs: Harness['logs'] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level: 'warn' }, sink);
  let intakeImpl = async (msg: InboundMessage) => {
    received.push(msg);
  };
  const app = express();
  const metrics = new Metrics(false);
  const redis = new IORedis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  const deps: ReceiverDeps = {
    config,
    clock,
    logger,
    intake: (msg) => intakeImpl(msg),
    intakeTimeoutMs: options.intakeTimeoutMs,
    replay: new RedisReplayGuard(redis, `${testPrefix()}_replay_${Math.random().toString(36).slice(2)}`),
    rejects: new RejectLog(logger, clock, metrics.callbacksRejected),
    welcome: options.welcome,
  };
  mountReceivers(app, deps);
  // As the web process serves them: node:http ahead of express, or (transport 'express') express alone.
  const fast = options.transport === 'express' ? () => false : fastReceivers(deps, metrics);
  const server = createServer((req, res) => {
    if (!fast(req, res)) app(req, res);
  }).listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    clock,
    received,
    logs,
    config,
    metrics,
    setIntake(fn) {
      intakeImpl = fn;
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await endRedis(redis);
    },
  };
}

/** How many refusals the receivers counted in qinshang_callbacks_rejected_total, by reason. */
export async function rejectionsByReason(h: Harness): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const v of (await h.metrics.callbacksRejected.get()).values) {
    const reason = String(v.labels.reason);
    out[reason] = (out[reason] ?? 0) + v.value;
  }
  return out;
}

const counted = new WeakMap<Harness, number>();

/**
 * Every rejected request: a 4xx with no stack trace, counted once in the metrics, nothing handed
 * to intake, and a warn line sampled (at most one per route and reason in the sampling window).
 */
export async function expectRejected(h: Harness, res: Response, status: number): Promise<void> {
  const body = await res.text();
  expect(res.status).toBe(status);
  expect(body).not.toMatch(/Error|at \w+ \(/);
  const total = Object.values(await rejectionsByReason(h)).reduce((a, b) => a + b, 0);
  const expected = (counted.get(h) ?? 0) + 1;
  counted.set(h, expected);
  expect(total).toBe(expected);
  expect(h.logs.filter((l) => l.level === 40).length).toBeLessThanOrEqual(1);
  expect(h.received).toHaveLength(0);
}
