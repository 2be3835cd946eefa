import { chineseDaysOfficial, officialCalendar } from '../../../src/services/calendar-official';
import { type DayKind, WorkdayCalendar } from '../../../src/services/workday-calendar';

/** The 2027 Spring Festival schedule as the campaign office would load it (节假日 sheet). */
const SPRING_2027 = new Map<string, DayKind>([
  ['2027-01-01', 'off'],
  ['2027-02-06', 'off'],
  ['2027-02-07', 'off'],
  ['2027-02-08', 'off'],
  ['2027-02-09', 'off'],
  ['2027-02-10', 'off'],
  ['2027-02-11', 'off'],
  ['2027-02-12', 'off'],
  ['2027-02-20', 'work'],
]);

describe('WorkdayCalendar on chinese-days (2026)', () => {
  const cal = officialCalendar();

  it.each(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'])(
    'make-up Saturday/Sunday %s is a working day',
    (date) => expect(cal.isWorkday(date)).toBe(true),
  );

  it.each([
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-23',
    '2026-05-01',
    '2026-05-05',
    '2026-10-01',
    '2026-10-05',
    '2026-10-07',
  ])('holiday %s is a day off', (date) => expect(cal.isWorkday(date)).toBe(false));

  it('plain weekdays work and plain weekends do not', () => {
    expect(cal.isWorkday('2026-11-23')).toBe(true); // Monday
    expect(cal.isWorkday('2026-11-28')).toBe(false); // Saturday
    expect(cal.isWorkday('2026-11-29')).toBe(false); // Sunday
    expect(cal.isWorkday('2026-02-24')).toBe(true); // first day back after the Spring Festival
  });

  it('5 working days after 2026-09-28 is 2026-10-10 (9/29, 9/30, 10/8, 10/9, 10/10)', () => {
    expect(cal.addWorkdays('2026-09-28', 5)).toBe('2026-10-10');
    expect(cal.workdaysBetween('2026-09-28', '2026-10-10')).toBe(5);
  });

  it('never counts the start date: Friday + 1 working day is Monday', () => {
    expect(cal.addWorkdays('2026-11-20', 1)).toBe('2026-11-23');
    expect(cal.addWorkdays('2026-11-21', 1)).toBe('2026-11-23'); // assigned on a Saturday
    expect(cal.addWorkdays('2026-11-23', 1)).toBe('2026-11-24');
  });

  it('a deadline across the Spring Festival skips 2/15–2/23 and uses the 2/14 and 2/28 make-up days', () => {
    // Fri 2/13 + 1 → Sat 2/14 (make-up day); + 2 → Tue 2/24 (after the holiday).
    expect(cal.addWorkdays('2026-02-13', 1)).toBe('2026-02-14');
    expect(cal.addWorkdays('2026-02-13', 2)).toBe('2026-02-24');
    // 2/24..2/27 are four days, the fifth is the make-up Saturday 2/28.
    expect(cal.addWorkdays('2026-02-13', 6)).toBe('2026-02-28');
    expect(cal.addWorkdays('2026-02-12', 5)).toBe('2026-02-26');
    expect(cal.workdaysBetween('2026-02-13', '2026-02-28')).toBe(6);
  });

  it('counts backwards and signs workdaysBetween', () => {
    expect(cal.addWorkdays('2026-02-24', -1)).toBe('2026-02-14');
    expect(cal.workdaysBetween('2026-02-28', '2026-02-13')).toBe(-6);
    expect(cal.workdaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(Object.is(cal.workdaysBetween('2026-11-22', '2026-11-21'), 0)).toBe(true); // not -0
    expect(cal.previousWorkday('2026-10-08')).toBe('2026-09-30');
  });

  it('addWorkdays(d, 0) is d on a working day, else the next one', () => {
    expect(cal.addWorkdays('2026-11-23', 0)).toBe('2026-11-23');
    expect(cal.addWorkdays('2026-10-01', 0)).toBe('2026-10-08');
  });

  it('round-trips addWorkdays and workdaysBetween over a whole year', () => {
    for (const n of [1, 2, 3, 5, 10, 15, 30]) {
      for (let m = 1; m <= 12; m++) {
        const start = `2026-${String(m).padStart(2, '0')}-10`;
        expect(cal.workdaysBetween(start, cal.addWorkdays(start, n))).toBe(n);
        const workday = cal.addWorkdays(start, 0);
        expect(cal.workdaysBetween(workday, cal.addWorkdays(workday, -n))).toBe(-n);
      }
    }
  });

  it('nextWorkday, first working day of a month and the last working days of a month', () => {
    expect(cal.nextWorkday('2026-09-30')).toBe('2026-10-08');
    expect(cal.firstWorkdayOfMonth('2026-10')).toBe('2026-10-08');
    expect(cal.firstWorkdayOfMonth('2026-02')).toBe('2026-02-02');
    expect(cal.firstWorkdayOfMonth('2026-11')).toBe('2026-11-02');
    // Last working days of February 2026: 2/26, 2/27, 2/28 (make-up Saturday).
    expect(cal.isLastWorkdaysOfMonth('2026-02-28', 1)).toBe(true);
    expect(cal.isLastWorkdaysOfMonth('2026-02-27', 1)).toBe(false);
    expect(cal.isLastWorkdaysOfMonth('2026-02-26', 3)).toBe(true);
    expect(cal.isLastWorkdaysOfMonth('2026-02-25', 3)).toBe(false);
    // November 2026 ends on a Monday; a weekend day is never one of the "last working days".
    expect(cal.isLastWorkdaysOfMonth('2026-11-30', 1)).toBe(true);
    expect(cal.isLastWorkdaysOfMonth('2026-11-29', 5)).toBe(false);
    expect(cal.isLastWorkdaysOfMonth('2026-11-30', 0)).toBe(false);
  });

  it('has no warnings while it stays in covered years', () => {
    const fresh = officialCalendar();
    expect(fresh.coveredYears()).toContain(2026);
    expect(fresh.coveredYears()).not.toContain(2027);
    expect(fresh.workdaysBetween('2026-01-01', '2026-12-31')).toBeGreaterThan(240);
    expect(fresh.warnings()).toEqual([]);
  });
});

describe('WorkdayCalendar across December 2026 into 2027', () => {
  it('without an override, 2027 is Mon–Fri with one warning for the year', () => {
    const seen: number[] = [];
    const cal = officialCalendar(new Map(), (year) => seen.push(year));
    // 12/28 (Mon) + 5: 12/29, 12/30, 12/31, 1/1 (Friday, treated as a workday), 1/4.
    expect(cal.addWorkdays('2026-12-28', 5)).toBe('2027-01-04');
    expect(cal.isWorkday('2027-01-01')).toBe(true);
    expect(cal.isWorkday('2027-02-08')).toBe(true);
    expect(cal.isWorkday('2027-02-06')).toBe(false);
    expect(seen).toEqual([2027]);
    expect(cal.warnings()).toHaveLength(1);
    expect(cal.warnings()[0]).toContain('2027');
  });

  it('with the 2027 schedule loaded as overrides, New Year and the Spring Festival are days off', () => {
    const seen: number[] = [];
    const cal = officialCalendar(SPRING_2027, (year) => seen.push(year));
    expect(cal.addWorkdays('2026-12-28', 5)).toBe('2027-01-05');
    expect(cal.isWorkday('2027-02-08')).toBe(false);
    expect(cal.isWorkday('2027-02-20')).toBe(true); // make-up Saturday
    // Fri 2/5 + 1 → Sat 2/13? No: 2/13 is a plain Saturday; the first working day is Mon 2/15.
    expect(cal.addWorkdays('2027-02-05', 1)).toBe('2027-02-15');
    expect(cal.workdaysBetween('2027-02-05', '2027-02-20')).toBe(6);
    expect(seen).toEqual([]);
    expect(cal.warnings()).toEqual([]);
  });

  it('an override wins over chinese-days in a covered year too', () => {
    const cal = officialCalendar(new Map<string, DayKind>([['2026-11-23', 'off']]));
    expect(cal.isWorkday('2026-11-23')).toBe(false);
    expect(cal.addWorkdays('2026-11-20', 1)).toBe('2026-11-24');
  });

  it('warns once per uncovered year, in year order', () => {
    const cal = officialCalendar();
    cal.isWorkday('2028-03-01');
    cal.isWorkday('2027-03-01');
    cal.isWorkday('2027-03-02');
    expect(cal.warnings().map((w) => w.match(/\d{4}/)?.[0])).toEqual(['2027', '2028']);
  });
});

describe('chineseDaysOfficial', () => {
  it('covers a year only when it has holidays', () => {
    const official = chineseDaysOfficial({
      holidays: { '2030-10-01': 'National Day' },
      workdays: { '2031-01-04': 'make-up' },
    });
    expect([...official.years]).toEqual([2030]);
    const cal = new WorkdayCalendar(new Map(), official);
    expect(cal.isWorkday('2030-10-01')).toBe(false);
    expect(cal.isWorkday('2031-01-04')).toBe(false); // uncovered year: a Saturday stays off
    expect(cal.warnings()).toHaveLength(1);
  });
});

describe('zone independence', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  it.each(['America/Los_Angeles', 'UTC', 'Pacific/Kiritimati'])(
    'gives the same answers with TZ=%s',
    (zone) => {
      process.env.TZ = zone;
      const cal = officialCalendar();
      expect(cal.isWorkday('2026-02-14')).toBe(true);
      expect(cal.isWorkday('2026-02-16')).toBe(false);
      expect(cal.addWorkdays('2026-09-28', 5)).toBe('2026-10-10');
      expect(cal.firstWorkdayOfMonth('2026-10')).toBe('2026-10-08');
      expect(cal.isLastWorkdaysOfMonth('2026-02-28', 1)).toBe(true);
    },
  );
});

describe('lookAhead', () => {
  it('warns for uncovered years within the horizon only', () => {
    const cal = officialCalendar();
    cal.lookAhead('2026-09-01', 90);
    expect(cal.warnings()).toEqual([]);
    cal.lookAhead('2026-11-23', 90);
    expect(cal.warnings()).toEqual([expect.stringContaining('2027')]);
  });
});
