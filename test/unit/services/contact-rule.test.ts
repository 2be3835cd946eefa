import {
  contactsMissing,
  contactTarget,
  DEFAULT_CONTACT_TARGET,
  parseContactTarget,
  ruleName,
  targetMet,
  timesZh,
} from '../../../src/services/contact-rule';

describe('contact rule', () => {
  it('is 一月两见 unless a firm has its own target', () => {
    expect(DEFAULT_CONTACT_TARGET).toBe(2);
    expect(contactTarget(null)).toBe(2);
    expect(contactTarget(undefined)).toBe(2);
    expect(contactTarget(3)).toBe(3);
    expect(ruleName()).toBe('一月两见');
    expect(ruleName(3)).toBe('一月三见');
    expect(timesZh(2)).toBe('两');
    expect(timesZh(12)).toBe('12');
  });

  it('a key firm with target 3 is short at 2 contacts', () => {
    expect(targetMet(2, 2)).toBe(true);
    expect(targetMet(2, 3)).toBe(false);
    expect(contactsMissing(2, 3)).toBe(1);
    expect(contactsMissing(4, 3)).toBe(0);
  });

  it('reads the roster cell: empty is the default, a whole number from 2 to 10, otherwise a Chinese reason', () => {
    expect(parseContactTarget('')).toEqual({ ok: true, value: null });
    expect(parseContactTarget('  ')).toEqual({ ok: true, value: null });
    expect(parseContactTarget('3')).toEqual({ ok: true, value: 3 });
    expect(parseContactTarget(' 10 ')).toEqual({ ok: true, value: 10 });
    for (const bad of ['1', '0', '11', '2.5', '三', '-3', '3次']) {
      const r = parseContactTarget(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toContain('不是有效的每月走访次数');
    }
  });
});
