import type { DataSource } from 'typeorm';
import { FixedClock } from '../../../src/lib/clock';
import { nextYearDigestLine } from '../../../src/services/calendar-coverage';
import { CalendarService } from '../../../src/services/calendar.service';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';

/** The State Council's 2027 schedule as the campaign office loads it in the 节假日 sheet. */
const FULL_2027: [string, 'off' | 'work', string][] = [
  ['2027-01-01', 'off', '元旦'],
  ...['06', '07', '08', '09', '10', '11', '12'].map((d): [string, 'off', string] => [
    `2027-02-${d}`,
    'off',
    '春节',
  ]),
  ['2027-02-20', 'work', '春节调休'],
];

async function loadSheet(ds: DataSource, rows: [string, 'off' | 'work', string][]): Promise<void> {
  for (const [date, kind, name] of rows) {
    await ds.query(`INSERT INTO holiday (date, kind, name) VALUES ($1, $2, $3)`, [date, kind, name]);
  }
}

const service = (ds: DataSource, at: string) =>
  new CalendarService(ds, undefined, new FixedClock(new Date(at)));

describe('calendar coverage by year (the 节假日 sheet)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await testDataSource();
  });
  beforeEach(() => truncateAll(ds));
  afterAll(closeTestDataSource);

  it('a partial 2027 override (one row) does not cover 2027: the Spring Festival is not taken for working days silently', async () => {
    await loadSheet(ds, [['2027-01-01', 'off', '元旦']]);
    const calendars = service(ds, '2026-12-01T09:00:00+08:00');
    const cal = await calendars.refresh();
    expect(cal.isCovered(2027)).toBe(false);
    expect(cal.isWorkday('2027-01-01')).toBe(false); // the row itself still applies
    expect(cal.isWorkday('2027-02-08')).toBe(true); // Mon–Fri fallback …
    expect(calendars.warnings().join('\n')).toContain('2027'); // … and it says so
    expect(nextYearDigestLine(cal, '2026-12-01')).toContain('尚未载入2027年节假日安排');
  });

  it('warns on /healthz and in the daily digest from 1 November only', async () => {
    const october = await service(ds, '2026-10-31T09:00:00+08:00').refresh();
    expect(nextYearDigestLine(october, '2026-10-31')).toBeNull();
    const calendars = service(ds, '2026-11-01T09:00:00+08:00');
    const november = await calendars.refresh();
    expect(calendars.warnings()).toEqual(
      expect.arrayContaining([expect.stringContaining('No holiday schedule for 2027 yet')]),
    );
    expect(nextYearDigestLine(november, '2026-11-02')).toContain('2027');
  });

  it('a full 2027 sheet (with its 春节 block) covers 2027: no warning, holidays and make-up days right', async () => {
    await loadSheet(ds, FULL_2027);
    const calendars = service(ds, '2026-11-20T09:00:00+08:00');
    const cal = await calendars.refresh();
    expect(cal.isCovered(2027)).toBe(true);
    expect(cal.isWorkday('2027-02-08')).toBe(false);
    expect(cal.isWorkday('2027-02-20')).toBe(true);
    expect(cal.addWorkdays('2026-12-28', 5)).toBe('2027-01-05');
    expect(calendars.warnings()).toEqual([]);
    expect(nextYearDigestLine(cal, '2026-11-20')).toBeNull();
  });
});
