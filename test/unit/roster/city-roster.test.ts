import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cityRoster } from '../../../seeds/city-roster';
import { isAbbreviationOf } from '../../../src/commands/parser/abbreviation';
import { readCsvFolder } from '../../../src/roster/roster.reader';
import type { Roster } from '../../../src/roster/roster.types';
import { validateRoster } from '../../../src/roster/roster.validator';

/** The generator's 1,000-cadre roster (for benchmarks) is a valid workbook of a plausible city. */
describe('seeds/city-roster: a whole city on request', () => {
  let roster: Roster;
  const dir = mkdtempSync(path.join(tmpdir(), 'city-roster-'));
  beforeAll(async () => {
    for (const [file, text] of Object.entries(cityRoster(1000))) writeFileSync(path.join(dir, file), text);
    const result = validateRoster(await readCsvFolder(dir));
    if (!result.ok)
      throw new Error(
        result.errors
          .slice(0, 5)
          .map((e) => e.message)
          .join('\n'),
      );
    roster = result.roster;
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has 1,000 cadres, three firms each, every one paired, and the city’s districts and departments', () => {
    expect(roster.people.filter((p) => p.roles.includes('cadre'))).toHaveLength(1000);
    expect(roster.enterprises).toHaveLength(3000);
    expect(roster.enterprises.filter((e) => e.kind === 'project').length).toBe(300);
    expect(new Set(roster.pairings.map((p) => p.enterpriseCode)).size).toBe(3000);
    expect(roster.units.filter((u) => u.kind === 'district' || u.kind === 'zone').length).toBe(20);
    expect(roster.units.filter((u) => u.kind === 'handling').length).toBeGreaterThanOrEqual(40);
    expect(new Set(roster.people.map((p) => p.mobile)).size).toBe(roster.people.length);
  });

  it('gives every firm a unique short name that abbreviates it in whole words', () => {
    const shorts = roster.enterprises.map((e) => e.shortName ?? '');
    expect(new Set(shorts).size).toBe(shorts.length);
    for (const e of roster.enterprises) {
      expect(isAbbreviationOf(e.shortName!, e.name)).toBe(true);
      expect(e.shortName!.length).toBeGreaterThanOrEqual(4);
    }
  });

  it('refuses a size it cannot spread over the districts', () => {
    expect(() => cityRoster(3)).toThrow('--generate');
  });
});
