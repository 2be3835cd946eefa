import { reminderKind } from '../../../src/jobs/handlers/contact-reminders.job';
import { isoWeekOf } from '../../../src/jobs/handlers/iso-week';
import { mondayOf } from '../../../src/lib/time';
import { inScope } from '../../../src/services/leader/leader-scope';
import { capped } from '../../../src/services/leader/format';
import { summarize } from '../../../src/services/compliance.service';
import { problemVolume, rankings, ratesOf } from '../../../src/services/stats.service';
import { officialCalendar } from '../../../src/services/calendar-official';

const cal = officialCalendar();

describe('reminderKind (一月两见 days)', () => {
  it.each([
    ['2026-11-14', null],
    ['2026-11-15', null], // Sunday
    ['2026-11-16', 'mid'], // first working day on or after the 15th
    ['2026-11-17', null],
    ['2026-11-24', null],
    ['2026-11-25', 'late'],
    ['2026-11-28', null], // Saturday
    ['2026-11-30', 'late'],
    ['2026-12-15', 'mid'], // a Tuesday
    ['2026-02-15', null], // Spring Festival
    ['2026-02-24', 'mid'], // first working day after it
    ['2026-02-28', 'late'], // make-up workday (Saturday)
    ['2026-10-15', 'mid'],
    ['2026-10-25', null], // Sunday
    ['2026-10-26', 'late'],
  ])('%s → %s', (date, kind) => {
    expect(reminderKind(date, cal)).toBe(kind);
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2026-11-16', '2026-W47'],
    ['2026-11-22', '2026-W47'],
    ['2026-11-23', '2026-W48'],
    ['2026-01-01', '2026-W01'], // a Thursday
    ['2027-01-01', '2026-W53'], // a Friday: still 2026's last week
    ['2025-12-29', '2026-W01'],
  ])('%s is in %s', (date, week) => {
    expect(isoWeekOf(date)).toBe(week);
  });

  it('finds the Monday of a week', () => {
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
  });
});

describe('scopes, summaries, rates and rankings', () => {
  it('checks scope membership', () => {
    expect(inScope('all', null)).toBe(true);
    expect(inScope(new Set(['a']), null, 'a')).toBe(true);
    expect(inScope(new Set(['a']), 'b', null)).toBe(false);
  });

  it('summarizes 一月两见', () => {
    expect(summarize([{ met: true }, { met: false }, { met: false }])).toEqual({
      pairs: 3,
      met: 1,
      rate: 0.333,
    });
    expect(summarize([])).toEqual({ pairs: 0, met: 0, rate: 0 });
  });

  it('computes rates with null for an empty base', () => {
    const rates = ratesOf({
      reported: 3,
      assigned: 4,
      respondedInTime: 3,
      returned: 1,
      redone: 0,
      due: 0,
      closed: 0,
      closedUnrated: 0,
      closedOnTime: 0,
      withdrawn: 0,
      rated: 3,
      satisfied: 2,
      ratedByProxy: 0,
    });
    expect(rates).toEqual({
      response: 0.75,
      resolution: null,
      satisfaction: 0.667,
      return: 0.25,
      redo: 0,
      onTime: null,
    });
  });

  it('puts nobody on both lists and leaves out those with no score', () => {
    const unit = (name: string, response: number | null) => ({
      name,
      rates: { response, resolution: null, satisfaction: null, return: null, redo: null, onTime: null },
    });
    const { red, black } = rankings(
      [unit('a', 0.9), unit('b', 0.5), unit('c', null), unit('d', 0.7), unit('e', 0.1)],
      2,
    );
    expect(red.map((u) => u.name)).toEqual(['a', 'd']);
    expect(black.map((u) => u.name)).toEqual(['e', 'b']);
    expect(rankings([unit('a', 1)], 3)).toEqual({ red: [unit('a', 1)], black: [] });
  });

  it('leaves out of 红黑榜 units below the floor and units with nothing to handle', () => {
    const counts = (n: number) => ({
      reported: n,
      assigned: n,
      respondedInTime: 0,
      returned: 0,
      redone: 0,
      due: 0,
      closed: 0,
      closedUnrated: 0,
      closedOnTime: 0,
      withdrawn: 0,
      rated: 0,
      satisfied: 0,
      ratedByProxy: 0,
    });
    const unit = (name: string, n: number, response: number) => ({
      name,
      counts: counts(n),
      rates: { response, resolution: null, satisfaction: null, return: null, redo: null, onTime: null },
    });
    const items = [unit('busy', 5, 0.9), unit('few', 2, 1), unit('idle', 0, 0), unit('slow', 4, 0.2)];
    const { red, black } = rankings(items, 3, 3);
    expect(red.map((u) => u.name)).toEqual(['busy', 'slow']);
    expect(black).toEqual([]);
    expect(rankings(items, 1, 1).black.map((u) => u.name)).toEqual(['slow']);
    expect(problemVolume(counts(4))).toBe(4);
  });

  it('caps long lists with a count of the rest', () => {
    expect(capped(['- 1', '- 2', '- 3'], 2)).toEqual(['- 1', '- 2', '- ……另有 1 项']);
  });
});
