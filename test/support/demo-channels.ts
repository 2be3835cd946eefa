import type { DataSource } from 'typeorm';
import { seedRoster } from './demo-roster';
import { FakeDingtalk } from '../fakes/fake-dingtalk';
import { type AppHarness, startAppHarness } from './app-harness';
import { closeTestDataSource, testDataSource, truncateAll } from './db';

/** The demo roster's WeCom group robots (seeds/roster/群聊.csv). */
export const DEMO_GROUP_KEYS = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `demo-ent-${n}`),
  'demo-unit-zrzy',
  'demo-unit-zjj',
  'demo-unit-spj',
  'demo-dist-yanta',
  'demo-dist-gaoxin',
  'demo-leaders',
];

export interface DemoChannels {
  ds: DataSource;
  h: AppHarness;
  dingtalk: FakeDingtalk;
  close(): Promise<void>;
}

/**
 * The demo roster served on all three channels, as `npm run demo` wires them: the WeCom app with the
 * roster's group robots, the 智能机器人, and DingTalk against its own fake. `env` adds settings.
 */
export async function startDemoChannels(env: Record<string, string> = {}): Promise<DemoChannels> {
  const ds = await testDataSource();
  await truncateAll(ds);
  await seedRoster(ds);
  const appKey = 'dingdemokey';
  const appSecret = 'demo-dingtalk-secret';
  const dingtalk = await new FakeDingtalk({ appKey, appSecret }).start();
  const h = await startAppHarness({
    wecom: { webhookKeys: DEMO_GROUP_KEYS },
    env: {
      WECOM_BOT_TOKEN: 'harnessBotToken',
      WECOM_BOT_ENCODING_AES_KEY: 'HarnessBotAesKey0123456789abcdefghijklmnopq',
      DINGTALK_APP_KEY: appKey,
      DINGTALK_APP_SECRET: appSecret,
      DINGTALK_API_BASE: dingtalk.url,
      DINGTALK_OAPI_BASE: dingtalk.url,
      ...env,
    },
  });
  return {
    ds,
    h,
    dingtalk,
    close: async () => {
      await h.close();
      await dingtalk.close();
      await closeTestDataSource();
    },
  };
}
