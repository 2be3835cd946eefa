import { isValidCreditCode } from '../../../src/lib/credit-code';
import { readCsvFolder } from '../../../src/roster/roster.reader';
import type { Roster } from '../../../src/roster/roster.types';
import { validateRoster } from '../../../src/roster/roster.validator';
import { DEMO_ROSTER_DIR } from '../../../src/roster/seed';

/** The demo roster promises what the demo chat console and the routing rely on. */
describe('the demo roster in seeds/roster', () => {
  let roster: Roster;
  beforeAll(async () => {
    const result = validateRoster(await readCsvFolder(DEMO_ROSTER_DIR));
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
    roster = result.roster;
  });

  it('has districts, zones, handling units, an admin and leaders', () => {
    const kinds = (k: string) => roster.units.filter((u) => u.kind === k).map((u) => u.name);
    expect(kinds('district')).toEqual(expect.arrayContaining(['雁塔区', '碑林区', '未央区']));
    expect(kinds('zone')).toEqual(expect.arrayContaining(['曲江新区', '高新区', '经开区']));
    expect(kinds('handling').length).toBeGreaterThanOrEqual(10);
    expect(roster.people.some((p) => p.roles.includes('admin'))).toBe(true);
    expect(roster.people.filter((p) => p.roles.includes('leader')).length).toBeGreaterThanOrEqual(3);
  });

  it('gives every cadre a WeCom account and every enterprise exactly one cadre', () => {
    const cadres = roster.people.filter((p) => p.roles.includes('cadre'));
    expect(cadres.length).toBeGreaterThanOrEqual(28);
    expect(cadres.every((c) => /^[a-z0-9]+$/.test(c.wecomUserId ?? ''))).toBe(true);
    expect(roster.enterprises.length).toBeGreaterThanOrEqual(55);
    expect(roster.enterprises.every((e) => isValidCreditCode(e.creditCode) && e.shortName)).toBe(true);
    expect(roster.enterprises.some((e) => e.kind === 'project')).toBe(true);
    expect(new Set(roster.pairings.map((p) => p.enterpriseCode)).size).toBe(roster.enterprises.length);
    expect(
      roster.people.filter((p) => p.roles.includes('contact') && p.wecomUserId).length,
    ).toBeGreaterThanOrEqual(3);
  });

  it('has the category catalogue with lead units, limits and keywords', () => {
    const names = roster.categories.map((c) => c.name);
    for (const name of [
      '规划',
      '建设',
      '土地',
      '教育',
      '社会事业',
      '城管执法',
      '征地拆迁',
      '审批',
      '融资',
      '帮办',
      '陪办',
      '代办',
      '绿色通道',
    ]) {
      expect(names).toContain(name);
    }
    expect(roster.categories.find((c) => c.name === '土地')?.keywords).toEqual(
      expect.arrayContaining(['用地', '土地', '出让', '供地', '地块']),
    );
    expect(roster.categories.every((c) => c.keywords.length > 0 && c.timeLimitDays > 0)).toBe(true);
    const keywords = roster.categories.flatMap((c) => c.keywords);
    expect(new Set(keywords).size).toBe(keywords.length); // a keyword routes to one category only
  });

  it('binds group chats of every purpose, with webhooks', () => {
    const purposes = roster.groupChats.map((g) => g.purpose);
    expect(purposes.filter((p) => p === 'enterprise').length).toBeGreaterThanOrEqual(3);
    expect(purposes).toEqual(expect.arrayContaining(['unit', 'district', 'leaders']));
    expect(roster.groupChats.every((g) => g.webhookUrl?.startsWith('https://'))).toBe(true);
  });
});
