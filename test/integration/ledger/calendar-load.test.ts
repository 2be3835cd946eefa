import type { DataSource } from 'typeorm';
import { Holiday } from '../../../src/entities';
import { FixedClock } from '../../../src/lib/clock';
import type { Logger } from '../../../src/lib/logger';
import { CalendarService, calendarWarnings, loadCalendar } from '../../../src/services/calendar.service';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';

let ds: DataSource;

beforeAll(async () => {
  ds = await testDataSource();
});
beforeEach(() => truncateAll(ds));
afterAll(closeTestDataSource);

/** A logger that records warnings only. */
function recordingLogger(): { logger: Logger; warnings: unknown[][] } {
  const warnings: unknown[][] = [];
  const logger = { warn: (...args: unknown[]) => warnings.push(args) } as unknown as Logger;
  return { logger, warnings };
}

describe('loading the calendar from the holiday table', () => {
  it('applies the rows as overrides and covers their year', async () => {
    await ds.getRepository(Holiday).save([
      { date: '2027-01-01', kind: 'off', name: '元旦' },
      { date: '2027-02-08', kind: 'off', name: '春节' },
      { date: '2027-02-09', kind: 'off', name: '春节' },
      { date: '2027-02-10', kind: 'off', name: '春节' },
      { date: '2027-02-20', kind: 'work', name: '春节补班' },
      { date: '2026-11-23', kind: 'off', name: '临时调整' },
    ]);
    const { logger, warnings } = recordingLogger();
    const cal = await loadCalendar(ds, logger);
    expect(cal.isWorkday('2027-01-01')).toBe(false);
    expect(cal.isWorkday('2027-02-08')).toBe(false);
    expect(cal.isWorkday('2027-02-20')).toBe(true);
    expect(cal.isWorkday('2026-11-23')).toBe(false);
    expect(cal.coveredYears()).toEqual(expect.arrayContaining([2026, 2027]));
    expect(cal.addWorkdays('2026-12-30', 2)).toBe('2027-01-04');
    expect(warnings).toEqual([]);
    expect(calendarWarnings()).toEqual([]);
  });

  it('warns (and logs once per year) for a year no source covers; a refresh after loading it clears the warning', async () => {
    const { logger, warnings } = recordingLogger();
    const service = new CalendarService(ds, logger);
    expect(() => service.current()).toThrow(/refresh/);
    const cal = await service.refresh();
    expect(cal.addWorkdays('2026-12-28', 5)).toBe('2027-01-04'); // 2027-01-01 counted Mon–Fri
    cal.isWorkday('2027-03-01');
    expect(service.warnings()).toHaveLength(1);
    expect(calendarWarnings()).toEqual(service.warnings());
    expect(calendarWarnings()[0]).toMatch(/2027.*节假日/);
    expect(warnings).toHaveLength(1);

    // A second load that still lacks 2027 warns on /healthz again but does not log again.
    (await service.refresh()).isWorkday('2027-03-01');
    expect(service.warnings()).toHaveLength(1);
    expect(warnings).toHaveLength(1);

    // A year counts as loaded only with its 春节 block (issue 10: one row no longer covers a year).
    for (const day of ['08', '09', '10']) {
      await ds.getRepository(Holiday).save({ date: `2027-02-${day}`, kind: 'off', name: '春节' });
    }
    await ds.getRepository(Holiday).save({ date: '2027-01-01', kind: 'off', name: '元旦' });
    const loaded = await service.refresh();
    expect(loaded.addWorkdays('2026-12-28', 5)).toBe('2027-01-05');
    expect(service.current()).toBe(loaded);
    expect(calendarWarnings()).toEqual([]);
  });

  it('with a clock, warns at refresh when a year within 90 days has no schedule', async () => {
    const clock = new FixedClock(new Date('2026-09-01T02:00:00Z'));
    const service = new CalendarService(ds, undefined, clock);
    await service.refresh();
    expect(service.warnings()).toEqual([]);
    clock.set('2026-11-23T02:00:00Z');
    await service.refresh();
    // From 1 November the missing next year is also named on its own (issue 10).
    expect(service.warnings()).toEqual([
      expect.stringContaining('No official holiday data for 2027'),
      expect.stringContaining('No holiday schedule for 2027 yet'),
    ]);
    for (const day of ['08', '09', '10']) {
      await ds.getRepository(Holiday).save({ date: `2027-02-${day}`, kind: 'off', name: '春节' });
    }
    await service.refresh();
    expect(service.warnings()).toEqual([]);
  });
});
