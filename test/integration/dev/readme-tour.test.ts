import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { buildScheduledJobs } from '../../../src/app/scheduled-jobs';
import { buildSending } from '../../../src/app/sending';
import { ChatConsole, type ChatTurn, type ShownMessage } from '../../../src/dev/chat-console';
import { parseChatArgs } from '../../../src/dev/chat';
import { inProcessSandbox } from '../../../src/dev/chat-sandbox';
import { isScheduledJobName } from '../../../src/jobs/catalogue';
import { FakeDingtalk } from '../../fakes/fake-dingtalk';
import { type AppHarness, startAppHarness } from '../../support/app-harness';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { seedRoster } from '../visits/visit-fixtures';

/** The README's five-minute tour, read from the README itself and driven through the chat console. */
const README = readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');

function tourBlock(readme: string): string[] {
  const section = readme.split('### Five-minute tour')[1];
  if (!section) throw new Error('README has no "### Five-minute tour" section');
  const block = /```text\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('the tour section has no ```text block');
  return block[1].split('\n').filter((l) => l.trim() && !l.startsWith('#'));
}

const GROUP_KEYS = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) => `demo-ent-${n}`),
  'demo-unit-zrzy',
  'demo-unit-zjj',
  'demo-unit-spj',
  'demo-dist-yanta',
  'demo-dist-gaoxin',
  'demo-leaders',
];

let ds: DataSource;
let h: AppHarness;
let dingtalk: FakeDingtalk;

beforeAll(async () => {
  ds = await testDataSource();
  await truncateAll(ds);
  await seedRoster(ds);
  dingtalk = await new FakeDingtalk({ appKey: 'dingtourkey', appSecret: 'tour-dingtalk-secret' }).start();
  h = await startAppHarness({
    wecom: { webhookKeys: GROUP_KEYS },
    env: {
      QUALITY_CHECK_RATE: '0',
      WECOM_BOT_TOKEN: 'harnessBotToken',
      WECOM_BOT_ENCODING_AES_KEY: 'HarnessBotAesKey0123456789abcdefghijklmnopq',
      DINGTALK_APP_KEY: 'dingtourkey',
      DINGTALK_APP_SECRET: 'tour-dingtalk-secret',
      DINGTALK_API_BASE: dingtalk.url,
      DINGTALK_OAPI_BASE: dingtalk.url,
    },
  });
});
afterAll(async () => {
  await h.close();
  await dingtalk.close();
  await closeTestDataSource();
});

const textOf = (messages: ShownMessage[]) => messages.map((m) => m.text).join('\n');

describe('README: the five-minute tour', () => {
  it('parses into chat sessions, lines to type and answers to expect', () => {
    const lines = tourBlock(README);
    expect(lines.filter((l) => l.startsWith('$ npm run chat -- ')).length).toBeGreaterThanOrEqual(5);
    expect(lines.filter((l) => l.startsWith('> ')).length).toBeGreaterThanOrEqual(6);
    expect(lines.every((l) => /^[$<>] /.test(l))).toBe(true);
  });

  it('runs as written: every typed line gets the answer the README shows, under it', async () => {
    let chat: ChatConsole | null = null;
    let turn: ChatTurn | null = null;
    let checked = 0;
    const jobs = buildScheduledJobs(h.container, buildSending(h.container));
    for (const line of tourBlock(README)) {
      const body = line.slice(2).trim();
      if (line.startsWith('$ npm run chat -- ')) {
        const args = parseChatArgs(body.replace('npm run chat -- ', '').split(/\s+/));
        if (typeof args === 'string') throw new Error(`${line}: ${args}`);
        chat = await ChatConsole.open({
          ds,
          base: h.base,
          sandbox: inProcessSandbox(h.fake, dingtalk),
          mode: args.mode,
          mobile: args.mobile,
          group: args.group,
          wecom: h.config.wecom!,
          wecomBot: h.config.wecomBot!,
          dingtalk: h.config.dingtalk!,
          now: () => h.clock.now(),
          replyWaitMs: 20_000,
        });
        turn = null;
      } else if (line.startsWith('$ npm run demo -- job ')) {
        const name = body.replace('npm run demo -- job ', '').split(/\s+/)[0];
        if (!isScheduledJobName(name)) throw new Error(`${line}: unknown job`);
        const result = await jobs.get(name)!(h.clock.now());
        expect(result.sent).toBeGreaterThan(0);
        turn = null;
      } else if (line.startsWith('> ')) {
        turn = await chat!.say(body);
        expect({ said: body, incomplete: turn.incomplete }).toEqual({ said: body, incomplete: false });
      } else if (line.startsWith('< ')) {
        if (turn) {
          // The answer to the line just typed, and nothing left over from an earlier line.
          expect({ said: turn.said, replies: textOf(turn.replies) }).toEqual({
            said: turn.said,
            replies: expect.stringContaining(body),
          });
        } else {
          // Something that reaches this person unasked (a notice, a digest), as it arrives.
          let seen: ShownMessage[] = [];
          for (let i = 0; i < 200 && !textOf(seen).includes(body); i++) {
            seen = seen.concat(await chat!.notices());
            if (!textOf(seen).includes(body)) await new Promise((r) => setTimeout(r, 100));
          }
          expect({ after: line, notices: textOf(seen) }).toEqual({
            after: line,
            notices: expect.stringContaining(body),
          });
        }
        checked++;
      } else {
        throw new Error(`the tour has a line the test cannot run: ${line}`);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(7);
  });
});
