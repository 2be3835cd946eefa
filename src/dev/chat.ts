import 'reflect-metadata';
import '../lib/load-env';
import { createInterface } from 'node:readline/promises';
import { createDataSource } from '../../ormconfig';
import { loadConfig } from '../config';
import { applyDemoEnv } from './demo';
import { Person, PersonAccount } from '../entities';
import { sendCallback } from '../../test/support/callbacks/callback-request';
import { buildWecomAppTextCallback } from '../../test/support/callbacks/wecom-callback.builder';
import type { OutboundPayload } from '../outbox/outbound-payload';

const REPLY_WAIT_MS = 8000;
const POLL_MS = 250;

/**
 * `npm run chat -- MOBILE [--url http://127.0.0.1:3000]`: talk to the running service as a roster
 * person, through the real /wecom/callback route with real encryption and signatures. The bot's
 * replies are read back from the outbox (what it sent to this person, and whether it went out).
 */
async function main(argv: string[]): Promise<void> {
  const mobile = argv.find((a) => /^\d{11}$/.test(a));
  const urlIndex = argv.indexOf('--url');
  const base = urlIndex >= 0 ? argv[urlIndex + 1] : `http://127.0.0.1:${process.env.PORT ?? 3000}`;
  if (!mobile) {
    console.error(
      'usage: npm run chat -- MOBILE [--url http://127.0.0.1:3000]   (a mobile number from the roster)',
    );
    process.exit(2);
  }
  if (!process.env.WECOM_CORP_ID) applyDemoEnv();
  const config = loadConfig();
  if (!config.wecom)
    throw new Error('no WeCom app settings (WECOM_*): the console talks through /wecom/callback');
  const wecom = config.wecom;

  const ds = createDataSource(config.databaseUrl);
  await ds.initialize();
  const person = await ds.getRepository(Person).findOne({ where: { mobile } });
  if (!person) throw new Error(`花名册中没有手机号 ${mobile}（先运行 npm run seed，或导入花名册）`);
  const account = await ds
    .getRepository(PersonAccount)
    .findOne({ where: { personId: person.id, platform: 'wecom' } });
  const userId = account?.accountId ?? `chat-${mobile}`;
  console.log(`以 ${person.name}（${userId}）的身份与助企机器人对话。输入“帮助”查看命令，Ctrl+D 退出。`);

  let lastSeen = await latestOutboxId(ds);
  const say = async (text: string) => {
    const request = buildWecomAppTextCallback(wecom, { userId, text, now: new Date() });
    const res = await sendCallback(base, request);
    if (res.status !== 200) {
      console.log(`（服务返回 ${res.status}：${(await res.text()).slice(0, 200)}）`);
      return;
    }
    const deadline = Date.now() + REPLY_WAIT_MS;
    let printed = 0;
    while (Date.now() < deadline) {
      const rows = await repliesTo(ds, userId, lastSeen);
      for (const row of rows) {
        lastSeen = row.id;
        printed++;
        console.log(render(row.payload as OutboundPayload, row.status, row.last_error));
      }
      if (printed > 0 && rows.length === 0) break;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
    if (printed === 0) console.log('（暂无回复：服务的 worker 是否在运行？）');
  };

  if (!account) {
    console.log(`（此人在花名册中没有企业微信账号，先发送：绑定 ${mobile}）`);
    await say(`绑定 ${mobile}`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: '> ' });
  rl.prompt();
  for await (const line of rl) {
    if (line.trim()) await say(line.trim());
    rl.prompt();
  }
  await ds.destroy();
}

async function latestOutboxId(ds: import('typeorm').DataSource): Promise<string> {
  const rows: { id: string }[] = await ds.query(
    `SELECT coalesce(max(id), 0)::text AS id FROM outbound_message`,
  );
  return rows[0]?.id ?? '0';
}

async function repliesTo(
  ds: import('typeorm').DataSource,
  userId: string,
  after: string,
): Promise<{ id: string; payload: unknown; status: string; last_error: string | null }[]> {
  return ds.query(
    `SELECT id::text AS id, payload, status, last_error FROM outbound_message
     WHERE channel = 'wecom_app' AND target = $1 AND id > $2 AND status <> 'pending'
     ORDER BY id`,
    [userId, after],
  );
}

function render(p: OutboundPayload, status: string, error: string | null): string {
  let body: string;
  if (p.msgtype === 'card' && p.card) {
    const buttons = p.card.buttons.map((b) => `  [${b.text}] → 发送“${b.command ?? b.key}”`).join('\n');
    body = `【${p.card.title}】\n${p.card.description}${buttons ? `\n${buttons}` : ''}`;
  } else if (p.msgtype === 'markdown' && p.markdown) {
    body = p.markdown.text;
  } else {
    body = p.text ?? '';
  }
  const mark = status === 'failed' ? `\n（发送失败：${error ?? '未知原因'}）` : '';
  return `助企机器人：${body}${mark}`;
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
