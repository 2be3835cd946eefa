import { beijingIso, inZone } from '../../../src/lib/time';

describe('beijingIso', () => {
  it('formats as dayjs in Asia/Shanghai does, across the years the bot sees', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const from = Date.UTC(1992, 0, 1);
    const to = Date.UTC(2100, 0, 1);
    for (let i = 0; i < 2000; i++) {
      const ms = Math.floor(from + rand() * (to - from));
      expect(beijingIso(ms)).toBe(inZone(ms).format());
    }
  });

  it('crosses the day in Beijing before UTC does', () => {
    expect(beijingIso(Date.parse('2026-11-30T15:59:59.999Z'))).toBe('2026-11-30T23:59:59+08:00');
    expect(beijingIso(Date.parse('2026-11-30T16:00:00Z'))).toBe('2026-12-01T00:00:00+08:00');
  });

  it('leaves out-of-range instants to dayjs instead of throwing', () => {
    expect(beijingIso(99999999999999 * 1000)).toBe(inZone(99999999999999 * 1000).format());
    expect(beijingIso(0)).toBe(inZone(0).format());
  });
});
