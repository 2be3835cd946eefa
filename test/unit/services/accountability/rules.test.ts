import { monthsEnding } from '../../../../src/services/accountability/accountability.service';
import { accountabilityBlock } from '../../../../src/jobs/handlers/accountability-block';
import {
  accountabilityLines,
  type AccountabilityEvidence,
  type OverdueProblem,
} from '../../../../src/services/accountability/rules';
import { parseAccountabilitySettings } from '../../../../src/services/accountability/settings';
import { chineseDaysOfficial } from '../../../../src/services/calendar-official';
import type { CompliancePair } from '../../../../src/services/compliance.service';
import { WorkdayCalendar } from '../../../../src/services/workday-calendar';

const calendar = new WorkdayCalendar(new Map(), chineseDaysOfficial());
const settings = parseAccountabilitySettings({
  missedContactsMonths: 2,
  overdueWorkdays: 5,
  unsatisfied: { count: 2, months: 2, cadreScoreAtMost: 2 },
});

const pair = (cadre: string, firm: string, contacts: number): CompliancePair => ({
  cadre: { id: cadre, name: `干部${cadre}`, unitId: 'd1', unitName: '雁塔区' },
  enterprise: { id: firm, name: `企业${firm}`, districtId: 'd1', districtName: '雁塔区' },
  contacts,
  target: 2,
  met: contacts >= 2,
});

const overdue = (code: string, dueOn: string): OverdueProblem => ({
  code,
  unitId: 'u1',
  unitName: '市住建局',
  districtId: 'd1',
  enterprise: '企业X',
  dueOn,
});

const evidence = (e: Partial<AccountabilityEvidence>): AccountabilityEvidence => ({
  month: '2026-11',
  asOf: '2026-11-30',
  pairsByMonth: new Map(),
  overdue: [],
  unsatisfied: [],
  ...e,
});

describe('慢作为/不作为 rule', () => {
  it('lists a cadre short of 一月两见 in both months, not one short in only one of them', () => {
    const lines = accountabilityLines(
      evidence({
        pairsByMonth: new Map([
          ['2026-10', [pair('A', '1', 1), pair('A', '2', 2), pair('B', '3', 2), pair('C', '4', 0)]],
          ['2026-11', [pair('A', '1', 2), pair('A', '2', 0), pair('B', '3', 1), pair('C', '4', 3)]],
        ]),
      }),
      settings,
      calendar,
    );
    expect(lines.map((l) => l.subject.id)).toEqual(['A']);
    expect(lines[0].rule).toBe('missed_contacts');
    // A different pair was short each month: still two months running for the cadre.
    expect(lines[0].facts).toEqual([
      '10月一月两见 1/2 家未达标：企业1（1 次）',
      '11月一月两见 1/2 家未达标：企业2（0 次）',
    ]);
  });

  it('spans the year boundary: the January list looks back at December', () => {
    expect(monthsEnding('2027-01', 2)).toEqual(['2026-12', '2027-01']);
    expect(monthsEnding('2026-03', 3)).toEqual(['2026-01', '2026-02', '2026-03']);
    const lines = accountabilityLines(
      evidence({
        month: '2027-01',
        asOf: '2027-01-31',
        pairsByMonth: new Map([
          ['2026-12', [pair('A', '1', 0)]],
          ['2027-01', [pair('A', '1', 1)]],
        ]),
      }),
      settings,
      calendar,
    );
    expect(lines[0].facts[0]).toContain('12月');
    expect(lines[0].facts[1]).toContain('1月');
  });

  it('needs the whole run of months: a cadre new this month is not listed', () => {
    const lines = accountabilityLines(
      evidence({ pairsByMonth: new Map([['2026-11', [pair('A', '1', 0)]]]) }),
      settings,
      calendar,
    );
    expect(lines).toEqual([]);
  });

  it('counts overdue in working days up to the month end: more than 5 lists, 5 does not', () => {
    const lines = accountabilityLines(
      evidence({
        overdue: [overdue('W20261101-0001', '2026-11-20'), overdue('W20261101-0002', '2026-11-23')],
      }),
      settings,
      calendar,
    );
    expect(lines).toHaveLength(1);
    expect(lines[0].subject).toMatchObject({ kind: 'unit', id: 'u1' });
    expect(lines[0].facts).toEqual([
      '截至11月30日（周一），1 件问题超期 5 个工作日以上未答复：',
      'W20261101-0001 企业X，限11月20日（周五）办结，已超 6 个工作日',
    ]);
  });

  it('skips the National Day holiday across the September/October boundary', () => {
    // Due Monday 9-28; by Friday 10-09 only 9-29, 9-30, 10-08, 10-09 were working days.
    const before = accountabilityLines(
      evidence({ month: '2026-10', asOf: '2026-10-09', overdue: [overdue('W1', '2026-09-28')] }),
      settings,
      calendar,
    );
    expect(before).toEqual([]);
    // Saturday 10-10 is a make-up working day (调休), and the following Monday the sixth.
    const after = accountabilityLines(
      evidence({ month: '2026-10', asOf: '2026-10-12', overdue: [overdue('W1', '2026-09-28')] }),
      settings,
      calendar,
    );
    expect(after[0].facts[1]).toContain('已超 6 个工作日');
  });

  it('lists repeated 不满意 of a unit and low scores of a cadre', () => {
    const bad = (subject: 'unit' | 'cadre', id: string, what: string) => ({
      subject,
      id,
      name: subject === 'unit' ? '市住建局' : '干部A',
      unitId: subject === 'unit' ? id : 'd1',
      unitName: subject === 'unit' ? '市住建局' : '雁塔区',
      districtId: 'd1',
      enterprise: '企业X',
      what,
      verdict: subject === 'unit' ? '不满意' : '1 分',
    });
    const lines = accountabilityLines(
      evidence({
        unsatisfied: [
          bad('unit', 'u1', 'W1'),
          bad('unit', 'u1', 'W2'),
          bad('cadre', 'A', '2026-11 服务评分'),
        ],
      }),
      settings,
      calendar,
    );
    expect(lines.map((l) => [l.rule, l.subject.id])).toEqual([['unsatisfied', 'u1']]);
    expect(lines[0].facts).toEqual([
      '近 2 个月企业评价不满意 2 次：',
      '企业X W1：不满意',
      '企业X W2：不满意',
    ]);
  });

  it('shows in the 通报 only the lines in the reader’s scope', () => {
    const list = {
      month: '2026-11',
      asOf: '2026-11-30',
      lines: accountabilityLines(
        evidence({ overdue: [overdue('W1', '2026-11-02')] }),
        settings,
        calendar,
      ).map((l) => ({ ...l, explanation: null })),
      excused: [],
    };
    expect(accountabilityBlock(list, () => true).join('\n')).toContain('**市住建局**：问题超期未办');
    expect(accountabilityBlock(list, () => false)).toEqual(['**慢作为、不作为名单**：无。']);
  });

  it('refuses bad settings with the field named', () => {
    expect(() => parseAccountabilitySettings({ ...settings, overdueWorkdays: 0 })).toThrow(
      'overdueWorkdays：overdueWorkdays 至少为 1',
    );
  });
});
