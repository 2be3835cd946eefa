import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { buildScheduledJobs } from '../../../src/app/scheduled-jobs';
import { buildSending } from '../../../src/app/sending';
import { ChatConsole, type ChatTurn, type ShownMessage } from '../../../src/dev/chat-console';
import { parseChatArgs } from '../../../src/dev/chat';
import { inProcessSandbox } from '../../../src/dev/chat-sandbox';
import { isScheduledJobName } from '../../../src/jobs/catalogue';
import type { FakeDingtalk } from '../../fakes/fake-dingtalk';
import type { AppHarness } from '../../support/app-harness';
import { type DemoChannels, startDemoChannels } from '../../support/demo-channels';

/** The README's five-minute tour, read from the README itself and driven through the chat console. */
const README = readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');

function tourBlock(readme: string): string[] {
  const section = readme.split('### Five-minute tour')[1];
  if (!section) throw new Error('README has no "### Five-minute tour" section');
  const block = /```text\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('the tour section has no ```text block');
  return block[1].split('\n').filter((l) => l.trim() && !l.startsWith('#'));
}

let ds: DataSource;
let h: AppHarness;
let dingtalk: FakeDingtalk;
let demo: DemoChannels;

beforeAll(async () => {
  demo = await startDemoChannels({ QUALITY_CHECK_RATE: '0' });
  ({ ds, h, dingtalk } = demo);
});
afterAll(() => demo.close());

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
