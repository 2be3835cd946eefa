import 'reflect-metadata';
import '../lib/load-env';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { createDataSource } from '../../ormconfig';
import { loadConfig } from '../config';
import { applyDemoEnv, STATE_FILE, type DemoState } from './demo';
import { ChatConsole, type ChatMode, type ChatSandbox } from './chat-console';
import { httpSandbox } from './chat-sandbox';

const USAGE =
  'usage: npm run chat -- MOBILE [--group [CHATID]] [--dingtalk] [--url http://127.0.0.1:3000]\n' +
  '  MOBILE      a mobile number from the roster (README: Demo people)\n' +
  '  --group     talk in a group chat through the 智能机器人 (@机器人); without CHATID: the\n' +
  "              person's own enterprise group; with --dingtalk: a DingTalk group\n" +
  '  --dingtalk  talk through the DingTalk robot instead of WeCom';

/** Parsed command line of `npm run chat`. */
export interface ChatArgs {
  mobile: string;
  mode: ChatMode;
  group?: string;
  url?: string;
}

export function parseChatArgs(argv: string[]): ChatArgs | string {
  let mobile: string | undefined;
  let group: string | undefined;
  let url: string | undefined;
  let dingtalk = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dingtalk') dingtalk = true;
    else if (a === '--group') {
      const next = argv[i + 1];
      group = next && !next.startsWith('--') && !/^\d{11}$/.test(next) ? argv[++i] : '';
    } else if (a === '--url') {
      url = argv[++i];
      if (!url) return '--url needs a value';
    } else if (/^1\d{10}$/.test(a)) mobile = a;
    else return `unknown argument: ${a}`;
  }
  if (!mobile) return 'MOBILE is missing';
  const mode: ChatMode = dingtalk ? 'dingtalk' : group !== undefined ? 'bot' : 'wecom';
  return { mobile, mode, group, url };
}

/** Without a running demo: one-shot addresses as the real platforms would give them, nothing to read. */
const noSandbox: ChatSandbox = {
  botResponseUrl: () =>
    Promise.resolve(`https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=chat${Date.now()}`),
  responseCode: () => Promise.resolve(`chat${Date.now()}`),
  dingtalkSession: () =>
    Promise.resolve({
      url: `https://oapi.dingtalk.com/robot/sendBySession?session=chat${Date.now()}`,
      expiresAt: Date.now() + 90 * 60_000,
    }),
  records: (after) => Promise.resolve({ records: [], next: after }),
};

/**
 * `npm run chat -- MOBILE [--group [CHATID]] [--dingtalk]`: talk to the running service as a roster
 * person through the real callback routes (/wecom/callback, /wecom/bot, /dingtalk/callback), signed
 * and encrypted as the platforms do. Each reply is printed under the line it answers; notices to
 * the person or the group appear as they arrive; card buttons are pressed by typing their number.
 */
async function main(argv: string[]): Promise<void> {
  const args = parseChatArgs(argv);
  if (typeof args === 'string') {
    console.error(`${args}\n${USAGE}`);
    process.exit(2);
  }
  const demo = existsSync(STATE_FILE);
  if (!process.env.WECOM_CORP_ID || demo) applyDemoEnv();
  const state = demo ? (JSON.parse(readFileSync(STATE_FILE, 'utf8')) as DemoState) : {};
  const config = loadConfig();
  const base = args.url ?? `http://127.0.0.1:${config.port}`;
  const ds = createDataSource(config.databaseUrl);
  await ds.initialize();
  const chat = await ChatConsole.open({
    ds,
    base,
    sandbox: state.sandboxUrl ? httpSandbox(state.sandboxUrl) : noSandbox,
    mode: args.mode,
    mobile: args.mobile,
    group: args.group,
    wecom: config.wecom ?? undefined,
    wecomBot: config.wecomBot ?? undefined,
    dingtalk: config.dingtalk ?? undefined,
  });
  console.log(`${chat.describe()}输入“帮助”查看命令，Ctrl+D 退出。`);

  // Piped input (a script, a test) gets each line echoed instead of a prompt.
  const tty = process.stdin.isTTY === true;
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: tty ? '> ' : '' });
  let busy = false;
  const printAbovePrompt = (text: string) => {
    if (!tty) return void console.log(text);
    process.stdout.write(`\r\x1b[K${text}\n`);
    rl.prompt(true);
  };
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    chat
      .notices()
      .then((shown) => {
        for (const m of shown) printAbovePrompt(ChatConsole.formatMessage(m));
      })
      .catch((err: unknown) => printAbovePrompt(`（读取通知失败：${(err as Error).message}）`))
      .finally(() => {
        busy = false;
      });
  }, 500);

  const lines: string[] = [];
  if (!(args.mode === 'dingtalk' ? chat.accounts.dingtalk : chat.accounts.wecom)) {
    console.log(`（此人在花名册中没有该平台的账号，先发送：绑定 ${args.mobile}）`);
    lines.push(`绑定 ${args.mobile}`);
  }
  const handle = async (line: string) => {
    while (busy) await new Promise((r) => setTimeout(r, 20));
    busy = true;
    try {
      if (!tty) console.log(`> ${line}`);
      console.log(ChatConsole.format(await chat.say(line)));
    } finally {
      busy = false;
    }
  };
  for (const line of lines) await handle(line);
  rl.prompt();
  for await (const line of rl) {
    if (line.trim()) await handle(line.trim());
    rl.prompt();
  }
  clearInterval(timer);
  await ds.destroy();
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
