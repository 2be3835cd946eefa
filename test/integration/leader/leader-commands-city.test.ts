import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { cityRoster } from '../../../seeds/city-roster';
import { buildBot } from '../../../src/app/bot';
import { buildSending } from '../../../src/app/sending';
import type { Bot } from '../../../src/bot/bot';
import { utf8Bytes } from '../../../src/lib/utf8';
import { WECOM_APP_MARKDOWN_BYTES } from '../../../src/platforms/wecom/wecom.render';
import { RosterImportService } from '../../../src/roster/roster-import.service';
import { readRoster } from '../../../src/roster/roster.reader';
import { type AppHarness, contentOf, startAppHarness } from '../../support/app-harness';
import { inboundMessage } from '../../support/bot-chat';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';

/**
 * Leaders' commands on the generator's whole city (1,000 cadres, 3,000 firms, no visit yet this
 * month), through the real outbound worker and the fake WeCom with the app's 2,048-byte markdown
 * limit: the city leader 胡永刚 (huyonggang) reads every answer on a phone.
 */
let ds: DataSource;
let h: AppHarness;
let bot: Bot;
let seq = 0;
const LEADER = 'huyonggang';

beforeAll(async () => {
  ds = await testDataSource();
  await truncateAll(ds);
  h = await startAppHarness({ now: new Date('2026-12-03T02:00:00Z') });
  bot = buildBot(h.container, buildSending(h.container));
  const dir = await mkdtemp(path.join(tmpdir(), 'city-leader-'));
  try {
    for (const [file, text] of Object.entries(cityRoster(1000))) await writeFile(path.join(dir, file), text);
    const outcome = await new RosterImportService(ds, h.clock).importRaw(await readRoster(dir));
    expect(outcome.ok).toBe(true);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 300_000);
afterAll(async () => {
  await h.close();
  await closeTestDataSource();
});

/** What the leader's phone shows for one command: every message/send part the fake accepted. */
async function ask(text: string, parts: number): Promise<string[]> {
  const before = h.fake.sent.filter((s) => s.api === 'message/send' && s.to === LEADER).length;
  await bot.handle(inboundMessage(LEADER, text, null, `city-${Date.now()}-${++seq}`));
  const until = Date.now() + 60_000;
  for (;;) {
    const got = h.fake.sent.filter((s) => s.api === 'message/send' && s.to === LEADER).slice(before);
    if (got.length >= parts || Date.now() > until) return got.map(contentOf);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('leader commands for a 1,000-cadre city', () => {
  it('一月两见 lists 20 whole lines in parts within the limit and points to the rest', async () => {
    const parts = await ask('一月两见', 2);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const p of parts) expect(utf8Bytes(p)).toBeLessThanOrEqual(WECOM_APP_MARKDOWN_BYTES);
    const all = parts.join('\n');
    expect(all).toContain('范围：全市。包联 3000 对，已达标 0 对（0%）');
    expect(all.match(/^- .+：\d+\/\d+ 家，/gm)).toHaveLength(20);
    expect(all).toMatch(/- ……另有 \d+ 项/);
    expect(all).toMatch(/完整清单共 \d+ 项，请在工作台“一月两见”页查看。/);
    // Each part starts at a line: nothing is cut mid-line.
    for (const p of parts.slice(1)) expect(p).toMatch(/^(- |完整清单)/);
  }, 120_000);

  it('本月统计, 红黑榜, 超期问题 and 查询企业 fit the limit too', async () => {
    for (const command of ['本月统计', '红黑榜', '超期问题', '查询企业 秦创智能装备']) {
      const parts = await ask(command, 1);
      expect(parts.length).toBeGreaterThanOrEqual(1);
      for (const p of parts) expect(utf8Bytes(p)).toBeLessThanOrEqual(WECOM_APP_MARKDOWN_BYTES);
    }
  }, 180_000);
});
