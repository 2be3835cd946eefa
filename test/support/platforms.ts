import type { Redis } from 'ioredis';
import type { Config, DingtalkConfig, WecomAppConfig, WecomBotConfig } from '../../src/config';
import { type Clock, systemClock } from '../../src/lib/clock';
import type { RobotDirectory } from '../../src/platforms/adapter';
import { Platforms } from '../../src/platforms/registry';

/** What a test's platforms talk to: which settings are present and where the (fake) APIs are. */
export interface TestPlatformOptions {
  wecom?: WecomAppConfig | null;
  wecomBot?: WecomBotConfig | null;
  dingtalk?: DingtalkConfig | null;
  wecomApiBase?: string;
  dingtalkApiBase?: string;
  dingtalkOapiBase?: string;
  /** Needed only when something is sent (token caches live in Redis). */
  redis?: Redis;
  prefix?: string;
  clock?: Clock;
  robots?: RobotDirectory;
}

/** Settings for a WeCom app nobody calls (sends only where wecomApiBase points). */
export const WECOM_APP_STUB: WecomAppConfig = {
  corpId: 'wwtest',
  agentId: '1000002',
  secret: 'test-secret',
  token: 'testToken',
  encodingAesKey: 'TestQinShangKey0123456789abcdefghijklmnopqr',
};
export const DINGTALK_STUB: DingtalkConfig = { appKey: 'dingtest', appSecret: 'test-secret' };

const noRedis = new Proxy({} as Redis, {
  get: () => {
    throw new Error('this test built its platforms without Redis: pass `redis` to send');
  },
});

const noRobots: RobotDirectory = { findRobot: async () => null, robotOfChat: async () => null };

/** The registered adapters, built from these settings instead of the environment. */
export function testPlatforms(o: TestPlatformOptions = {}): Platforms {
  const config = {
    wecom: o.wecom ?? null,
    wecomBot: o.wecomBot ?? null,
    dingtalk: o.dingtalk ?? null,
    wecomApiBase: o.wecomApiBase ?? 'http://127.0.0.1:9',
    dingtalkApiBase: o.dingtalkApiBase ?? 'http://127.0.0.1:9',
    dingtalkOapiBase: o.dingtalkOapiBase ?? 'http://127.0.0.1:9',
  } as Config;
  return Platforms.build({
    config,
    redis: o.redis ?? noRedis,
    clock: o.clock ?? systemClock,
    prefix: o.prefix ?? 'test',
    robots: o.robots ?? noRobots,
  });
}

/** Platforms for a Notifier: the WeCom app and/or DingTalk "configured" (nothing is sent from here). */
export function notifierPlatforms(which: { wecomApp: boolean; dingtalk: boolean }): Platforms {
  return testPlatforms({
    wecom: which.wecomApp ? WECOM_APP_STUB : null,
    dingtalk: which.dingtalk ? DINGTALK_STUB : null,
  });
}
