import 'reflect-metadata';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'dotenv';
import { Redis } from 'ioredis';
import { buildConsoleIfMissing } from '../console/build-if-missing';
import type { Response } from 'express';
// The sandbox is the same fake WeCom the tests run against: it checks tokens, byte limits and the
// group robots' rate limits like the real platform, and records what the bot sends.
import { FakeWecom } from '../../test/fakes/fake-wecom';
import { FakeDingtalk } from '../../test/fakes/fake-dingtalk';
import { createDataSource } from '../../ormconfig';
import { loadConfig } from '../config';
import { systemClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import { packageRoot } from '../lib/package-root';
import { seedIfEmpty } from '../roster/seed';
import { seedOutreachDemo } from '../services/outreach/demo-seed';
import { ensureLocalServices } from './local-services';
import { inProcessSandbox, mountSandboxRoutes } from './chat-sandbox';
import type { ChatSandbox } from './chat-console';
import { Person, PersonAccount } from '../entities';

const ROOT = packageRoot();
export const DEMO_ENV_FILE = path.join(ROOT, 'seeds/demo.env');
const DATA_DIR = path.join(ROOT, '.data');
/** Where the running demo says where its sandbox is (for `npm run chat` and `npm run demo -- job`). */
export const STATE_FILE = path.join(DATA_DIR, 'demo.json');
/** Everything the sandbox accepted or refused, one JSON line each: `npm run demo -- sent` prints it. */
export const SENT_FILE = path.join(DATA_DIR, 'demo-sent.jsonl');
/** Pictures and files the sandbox received (charts, the 通报 workbook), to open with any viewer. */
const MEDIA_DIR = path.join(DATA_DIR, 'demo-media');

/** Fills settings that are not set from seeds/demo.env (set ones win), and the running sandbox's URL. */
export function applyDemoEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const demo = parse(readFileSync(DEMO_ENV_FILE));
  if (existsSync(STATE_FILE)) {
    const state = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as DemoState;
    if (state.sandboxUrl) demo.WECOM_API_BASE = state.sandboxUrl;
    if (state.dingtalkUrl) {
      demo.DINGTALK_API_BASE = state.dingtalkUrl;
      demo.DINGTALK_OAPI_BASE = state.dingtalkUrl;
    }
  }
  for (const [k, v] of Object.entries(demo)) if (env[k] === undefined) env[k] = v;
  return demo;
}

/** What the running demo writes to STATE_FILE. */
export interface DemoState {
  /** The WeCom sandbox, which also serves the chat console's /_sandbox routes. */
  sandboxUrl?: string;
  dingtalkUrl?: string;
  pid?: number;
}

const record = (line: Record<string, unknown>) =>
  appendFileSync(SENT_FILE, `${JSON.stringify({ at: new Date().toISOString(), ...line })}\n`);

/** What a fake answers a refused call with (FakeServer.refuse's parameters). */
type Refusal = [res: Response, api: string, errcode: number, errmsg: string, body: unknown, to?: string];

/** Records a refused call, its api named with the fake's `prefix`. */
const recordRefusal = (prefix: string, [, api, errcode, errmsg, body, to]: Refusal) =>
  record({ api: `${prefix}${api}`, to, body, errcode, errmsg });

/** The fake WeCom, writing each record to SENT_FILE too, so it outlives the process and can be read. */
class DemoSandbox extends FakeWecom {
  /** Serves the chat console (`npm run chat`, another process) what it needs from the sandboxes. */
  mount(sandbox: ChatSandbox): void {
    mountSandboxRoutes(this.app, sandbox);
  }

  protected override accept(api: string, body: unknown, to?: string): void {
    super.accept(api, body, to);
    const b = body as { media_id?: string; msgtype?: string; image?: { base64?: string; md5?: string } };
    let saved: string | undefined;
    const uploaded = b.media_id ? this.media.get(b.media_id) : undefined;
    if (uploaded) saved = this.save(`${b.media_id}-${uploaded.filename ?? 'media'}`, uploaded.bytes);
    if (b.msgtype === 'image' && b.image?.base64) {
      saved = this.save(`${b.image.md5 ?? 'image'}.png`, Buffer.from(b.image.base64, 'base64'));
      body = { msgtype: 'image', image: { md5: b.image.md5, saved } };
    }
    record({ api, to, body, ...(saved ? { saved } : {}) });
  }

  private save(name: string, bytes: Buffer): string {
    mkdirSync(MEDIA_DIR, { recursive: true });
    const file = path.join(MEDIA_DIR, name.replace(/[/\\]/g, '_'));
    writeFileSync(file, bytes);
    return file;
  }

  protected override refuse(...refusal: Refusal): void {
    super.refuse(...refusal);
    recordRefusal('', refusal);
  }
}

/** The fake DingTalk (api + oapi), recording like DemoSandbox. */
class DemoDingtalk extends FakeDingtalk {
  protected override accept(api: string, body: unknown, to?: string): void {
    super.accept(api, body, to);
    record({ api: `dingtalk ${api}`, to, body });
  }

  protected override refuse(...refusal: Refusal): void {
    super.refuse(...refusal);
    recordRefusal('dingtalk ', refusal);
  }
}

/** The group robots the demo roster lists (群聊.csv): WeCom webhook keys and DingTalk robots (token, secret). */
export function demoRobots(roster: string): {
  wecomKeys: string[];
  dingtalk: { token: string; secret: string | null }[];
} {
  const wecomKeys = [...roster.matchAll(/webhook\/send\?key=([\w-]+)/g)].map((m) => m[1]);
  const dingtalk = [...roster.matchAll(/robot\/send\?access_token=([\w-]+),(SEC\w+)?/g)].map((m) => ({
    token: m[1],
    secret: m[2] ?? null,
  }));
  return { wecomKeys, dingtalk };
}

/**
 * Access tokens cached in Redis by an earlier demo were issued by an earlier sandbox, which the new
 * one does not know: forgotten at start, so the first send does not bounce off 40014 and retry.
 */
async function forgetSandboxTokens(): Promise<void> {
  const config = loadConfig();
  const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const keys = [
      config.wecom && `${config.queuePrefix}:token:wecom:${config.wecom.corpId}:${config.wecom.agentId}`,
      config.dingtalk && `${config.queuePrefix}:token:dingtalk:${config.dingtalk.appKey}`,
    ].filter((k): k is string => !!k);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** `npm run demo -- sent [N]`: the last N (default 20) messages the sandbox received, readable. */
function printSent(n: number): number {
  if (!existsSync(SENT_FILE)) {
    console.log('沙箱尚未收到任何消息（先运行 npm run demo）。');
    return 0;
  }
  const lines = readFileSync(SENT_FILE, 'utf8').trim().split('\n').filter(Boolean).slice(-n);
  for (const line of lines) {
    const r = JSON.parse(line) as {
      at: string;
      api: string;
      to?: string;
      body: Record<string, unknown>;
      errmsg?: string;
      saved?: string;
    };
    const b = r.body as {
      text?: { content?: string };
      markdown?: { content?: string; text?: string };
      actionCard?: { title?: string };
      template_card?: { main_title?: { title?: string } };
    };
    const content =
      b.text?.content ??
      b.markdown?.content ??
      b.markdown?.text ??
      b.actionCard?.title ??
      b.template_card?.main_title?.title ??
      (r.saved ? `[图片/文件] ${r.saved}` : JSON.stringify(b));
    console.log(
      `${r.at} ${r.api} → ${r.to ?? ''}${r.errmsg ? `  [refused: ${r.errmsg}]` : ''}\n  ${content.replace(/\n/g, '\n  ')}`,
    );
  }
  console.log(`（共显示 ${lines.length} 条；完整记录：${SENT_FILE}）`);
  return 0;
}

/**
 * `npm run demo`: local PostgreSQL/Redis when none answer, the demo settings, a local WeCom sandbox on
 * a free port (or DEMO_SANDBOX_PORT), the demo roster into an empty database, then the service.
 */
async function serve(): Promise<void> {
  const logger = createLogger(process.env.LOG_LEVEL ?? 'info');
  const local = await ensureLocalServices(process.env, logger);
  Object.assign(process.env, local.env);
  mkdirSync(DATA_DIR, { recursive: true });
  writeFileSync(STATE_FILE, '{}');
  applyDemoEnv();
  const robots = demoRobots(readFileSync(path.join(ROOT, 'seeds/roster/群聊.csv'), 'utf8'));
  const sandbox = new DemoSandbox({
    corpId: process.env.WECOM_CORP_ID,
    secret: process.env.WECOM_SECRET,
    webhookKeys: robots.wecomKeys,
  });
  await sandbox.start(Number(process.env.DEMO_SANDBOX_PORT ?? 0));
  const dingtalk = new DemoDingtalk({
    appKey: process.env.DINGTALK_APP_KEY,
    appSecret: process.env.DINGTALK_APP_SECRET,
  });
  for (const r of robots.dingtalk) dingtalk.addRobot(r.secret, r.token);
  await dingtalk.start(Number(process.env.DEMO_DINGTALK_PORT ?? 0));
  sandbox.mount(inProcessSandbox(sandbox, dingtalk));
  process.env.WECOM_API_BASE = sandbox.url;
  process.env.DINGTALK_API_BASE = dingtalk.url;
  process.env.DINGTALK_OAPI_BASE = dingtalk.url;
  console.log(`demo: WeCom sandbox on ${sandbox.url}, DingTalk sandbox on ${dingtalk.url}`);
  console.log(
    `demo: web console on http://127.0.0.1:${process.env.PORT ?? 3000}/console/ (pick who you are)`,
  );
  await forgetSandboxTokens();
  buildConsoleIfMissing();
  process.argv[2] = 'all';
  await import('../main');
  const state: DemoState = { sandboxUrl: sandbox.url, dingtalkUrl: dingtalk.url, pid: process.pid };
  writeFileSync(STATE_FILE, JSON.stringify(state));

  const config = loadConfig();
  const ds = createDataSource(config.databaseUrl);
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const seeded = await seedIfEmpty(ds, systemClock);
    if (seeded) {
      logger.info('empty database: loaded the demo roster from seeds/roster');
      for (const line of await seedOutreachDemo(ds, systemClock)) logger.info(`demo: ${line}`);
    }
    // The platforms' member directories: what 绑定 checks a mobile against. Everyone in the roster is
    // a member, under their account or, without one, the id `npm run chat` talks as (chat-MOBILE).
    for (const p of await ds.getRepository(Person).find()) {
      sandbox.directory.set(`chat-${p.mobile}`, p.mobile);
      dingtalk.directory.set(`chat-${p.mobile}`, p.mobile);
    }
    for (const a of await ds.getRepository(PersonAccount).find({ relations: { person: true } })) {
      if (a.platform === 'wecom') sandbox.directory.set(a.accountId, a.person!.mobile);
      if (a.platform === 'dingtalk') dingtalk.directory.set(a.accountId, a.person!.mobile);
    }
  } finally {
    await ds.destroy();
  }
  console.log(
    'demo: talk to the bot with: npm run chat -- 13929000021 (a cadre; README, Demo people, lists everyone; ' +
      "--group for a firm's group, --dingtalk for DingTalk); see what it sent with: npm run demo -- sent",
  );
  const { startService } = await import('../main');
  await startService('all', [() => sandbox.close(), () => dingtalk.close(), () => local.stop()]);
}

async function main(argv: string[]): Promise<number | null> {
  const [sub, ...rest] = argv;
  if (sub === 'sent') return printSent(Number(rest[0] ?? 20));
  if (sub === 'job') {
    applyDemoEnv();
    const { runJobCli } = await import('../cli/job');
    return runJobCli(rest);
  }
  if (sub !== undefined) {
    console.error('usage: npm run demo [-- sent [N] | -- job NAME [--at ISO] [--dry-run]]');
    return 2;
  }
  await serve();
  return null;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code !== null) process.exit(code);
    },
    (err) => {
      console.error('demo failed:', err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
