import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';
import { buildConsoleIfMissing } from '../console/build-if-missing';
// The sandbox is the same fake WeCom the tests run against: it checks tokens, byte limits and the
// group robots' rate limits like the real platform, and records what the bot sends.
import { FakeWecom } from '../../test/fakes/fake-wecom';

export const DEMO_ENV_FILE = path.resolve(__dirname, '../../seeds/demo.env');
const SANDBOX_PORT = 3001;

/** Fills settings that are not set from seeds/demo.env (set ones win). */
export function applyDemoEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const demo = parse(readFileSync(DEMO_ENV_FILE));
  for (const [k, v] of Object.entries(demo)) if (env[k] === undefined) env[k] = v;
  return demo;
}

/** `npm run demo`: the demo settings, a local WeCom sandbox on :3001, then `npm start`. */
async function main(): Promise<void> {
  applyDemoEnv();
  const roster = readFileSync(path.resolve(__dirname, '../../seeds/roster/群聊.csv'), 'utf8');
  const webhookKeys = [...roster.matchAll(/key=([\w-]+)/g)].map((m) => m[1]);
  const sandbox = new FakeWecom({
    corpId: process.env.WECOM_CORP_ID,
    secret: process.env.WECOM_SECRET,
    webhookKeys,
  });
  await sandbox.start(SANDBOX_PORT);
  process.env.WECOM_API_BASE = sandbox.url;
  console.log(`demo: WeCom sandbox on ${sandbox.url}; talk to the bot with: npm run chat -- 13929000021`);
  console.log(
    `demo: web console on http://127.0.0.1:${process.env.PORT ?? 3000}/console/ (pick who you are)`,
  );
  buildConsoleIfMissing();
  process.argv[2] = 'all';
  await import('../main');
}

if (require.main === module) {
  main().catch((err) => {
    console.error('demo failed:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
