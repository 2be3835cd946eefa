import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import type { InboundMessage } from '../../../src/bot/inbound-message';
import { loadConfig } from '../../../src/config';
import { mountReceivers } from '../../../src/http/receivers';
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
  close(): Promise<void>;
}

/** Starts an express app with the receivers on port 0; intake is the recording seam, not a DB mock. */
export async function startReceivers(
  env: Record<string, string> = TEST_ENV,
  options: { now?: Date; intakeTimeoutMs?: number } = {},
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
  mountReceivers(app, {
    config,
    clock,
    logger,
    intake: (msg) => intakeImpl(msg),
    intakeTimeoutMs: options.intakeTimeoutMs,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    clock,
    received,
    logs,
    config,
    setIntake(fn) {
      intakeImpl = fn;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
