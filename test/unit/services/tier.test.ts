import type { TierThresholds } from '../../../src/config';
import type { ProblemStatus, Tier } from '../../../src/entities/enums';
import { addDays } from '../../../src/lib/time';
import { officialCalendar } from '../../../src/services/calendar-official';
import { type TierBoundaries, tierBoundaries, tierOf } from '../../../src/services/tier';

const cal = officialCalendar();
const T: TierThresholds = { blueWithinDays: 1, redOverdueDays: 3, redRedoCount: 2 };
const open = (dueOn: string | null, redoCount = 0, status: ProblemStatus = 'accepted') => ({
  status,
  dueOn,
  redoCount,
});

describe('tierOf with the default thresholds (蓝 1, 红 after 3 working days or 2 redos)', () => {
  // Wednesday 2026-11-25; Friday 2026-11-27; Saturday 2026-11-28.
  it.each<[string, string, number, Tier]>([
    ['2026-11-25', '2026-11-27', 0, 'normal'], // 2 working days left
    ['2026-11-25', '2026-11-26', 0, 'blue'], // 1 working day left
    ['2026-11-25', '2026-11-25', 0, 'blue'], // due today
    ['2026-11-25', '2026-11-24', 0, 'yellow'], // overdue by 1
    ['2026-11-25', '2026-11-20', 0, 'yellow'], // overdue by 3 (23, 24, 25)
    ['2026-11-25', '2026-11-19', 0, 'red'], // overdue by 4
    ['2026-11-27', '2026-11-30', 0, 'blue'], // Friday, due Monday: 1 working day
    ['2026-11-27', '2026-12-01', 0, 'normal'],
    ['2026-11-28', '2026-11-27', 0, 'yellow'], // Saturday after a Friday deadline: overdue by 0
    ['2026-11-30', '2026-11-25', 0, 'yellow'], // Monday: 26, 27, 30 → 3
    ['2026-11-30', '2026-11-24', 0, 'red'],
    ['2026-09-30', '2026-10-08', 0, 'blue'], // the National Day week is not counted
    ['2026-10-09', '2026-09-30', 0, 'yellow'], // overdue by 2 (10/8, 10/9)
    ['2026-10-12', '2026-09-30', 0, 'red'], // 10/8, 10/9, 10/10 (make-up), 10/12
    ['2026-11-25', '2026-12-31', 1, 'yellow'], // one redo, far from due
    ['2026-11-25', '2026-11-19', 1, 'red'], // one redo and overdue by 4
    ['2026-11-25', '2026-12-31', 2, 'red'], // two redos
    ['2026-11-25', '2026-11-25', 1, 'yellow'], // a redo outranks 蓝
  ])('today %s, due %s, %i redos → %s', (today, dueOn, redos, tier) => {
    expect(tierOf(open(dueOn, redos), today, cal, T)).toBe(tier);
  });

  it.each<ProblemStatus>(['pending', 'answered', 'closed', 'withdrawn'])(
    '%s is normal even when overdue',
    (status) => {
      expect(tierOf(open('2026-01-05', 3, status), '2026-11-25', cal, T)).toBe('normal');
    },
  );

  it.each<ProblemStatus>(['assigned', 'accepted'])('%s is tiered', (status) => {
    expect(tierOf(open('2026-11-19', 0, status), '2026-11-25', cal, T)).toBe('red');
  });

  it('a problem without a deadline is normal', () => {
    expect(tierOf(open(null, 1), '2026-11-25', cal, T)).toBe('normal');
  });

  it('follows the thresholds', () => {
    const loose: TierThresholds = { blueWithinDays: 3, redOverdueDays: 5, redRedoCount: 3 };
    expect(tierOf(open('2026-11-30'), '2026-11-25', cal, loose)).toBe('blue'); // 26, 27, 30
    expect(tierOf(open('2026-12-01'), '2026-11-25', cal, loose)).toBe('normal');
    expect(tierOf(open('2026-11-18'), '2026-11-25', cal, loose)).toBe('yellow'); // 5 days
    expect(tierOf(open('2026-11-17'), '2026-11-25', cal, loose)).toBe('red');
    expect(tierOf(open('2026-12-31', 2), '2026-11-25', cal, loose)).toBe('yellow');
    const strict: TierThresholds = { blueWithinDays: 0, redOverdueDays: 0, redRedoCount: 1 };
    expect(tierOf(open('2026-11-25'), '2026-11-25', cal, strict)).toBe('blue');
    expect(tierOf(open('2026-11-26'), '2026-11-25', cal, strict)).toBe('normal');
    expect(tierOf(open('2026-11-24'), '2026-11-25', cal, strict)).toBe('red');
    expect(tierOf(open('2026-11-27'), '2026-11-28', cal, strict)).toBe('yellow');
    expect(tierOf(open('2026-12-31', 1), '2026-11-25', cal, strict)).toBe('red');
  });
});

describe('tierBoundaries', () => {
  const byBoundaries = (dueOn: string, b: TierBoundaries): Tier =>
    dueOn <= b.redUntil
      ? 'red'
      : dueOn <= b.yellowUntil
        ? 'yellow'
        : dueOn <= b.blueUntil
          ? 'blue'
          : 'normal';

  it('gives the ranges for Wednesday 2026-11-25', () => {
    expect(tierBoundaries('2026-11-25', cal, T)).toEqual({
      redUntil: '2026-11-19',
      yellowFrom: '2026-11-20',
      yellowUntil: '2026-11-24',
      blueFrom: '2026-11-25',
      blueUntil: '2026-11-26',
    });
  });

  it('stretches the blue range over a weekend and a holiday', () => {
    expect(tierBoundaries('2026-11-27', cal, T).blueUntil).toBe('2026-11-30');
    expect(tierBoundaries('2026-09-30', cal, T).blueUntil).toBe('2026-10-08');
  });

  it.each<[string, TierThresholds]>([
    ['2026-11-25', T],
    ['2026-11-28', T],
    ['2026-11-29', T],
    ['2026-10-03', T],
    ['2026-10-12', T],
    ['2026-02-24', T],
    ['2026-02-28', T],
    ['2026-11-25', { blueWithinDays: 0, redOverdueDays: 0, redRedoCount: 1 }],
    ['2026-11-29', { blueWithinDays: 0, redOverdueDays: 0, redRedoCount: 1 }],
    ['2026-10-05', { blueWithinDays: 3, redOverdueDays: 5, redRedoCount: 3 }],
  ])('agrees with tierOf for every deadline around %s', (today, t) => {
    const b = tierBoundaries(today, cal, t);
    for (let offset = -30; offset <= 30; offset++) {
      const dueOn = addDays(today, offset);
      expect([dueOn, byBoundaries(dueOn, b)]).toEqual([dueOn, tierOf(open(dueOn), today, cal, t)]);
    }
  });
});
