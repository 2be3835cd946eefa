import type { AssessedProblem } from '../../../../src/repositories/assessment.repository';
import { assess } from '../../../../src/services/assessment/assessment.service';
import { factsOf } from '../../../../src/services/assessment/facts';
import { inputsOf, zeroFigures } from '../../../../src/services/assessment/formula';
import { parsePeriod } from '../../../../src/services/assessment/period';
import {
  AssessmentSettingsError,
  loadAssessmentSettings,
  parseAssessmentSettings,
} from '../../../../src/services/assessment/settings';
import type { CompliancePair } from '../../../../src/services/compliance.service';
import { chineseDaysOfficial } from '../../../../src/services/calendar-official';
import { WorkdayCalendar } from '../../../../src/services/workday-calendar';

const calendar = new WorkdayCalendar(new Map(), chineseDaysOfficial());
const settings = loadAssessmentSettings(); // the shipped config/assessment.json
const units = [
  { id: 'u1', name: '市住建局', kind: 'handling' as const, parentId: null },
  { id: 'd1', name: '雁塔区', kind: 'district' as const, parentId: null },
];
const people = new Map([
  ['A', { name: '张干部', unitId: 'd1' }],
  ['B', { name: '李干部', unitId: 'd1' }],
]);

const pair = (cadre: string, n: number, met: boolean): CompliancePair => ({
  cadre: { id: cadre, name: cadre, unitId: 'd1', unitName: '雁塔区' },
  enterprise: { id: `e${n}`, name: `企业${n}`, districtId: 'd1', districtName: '雁塔区' },
  contacts: met ? 2 : 0,
  target: 2,
  met,
});

const problem = (p: Partial<AssessedProblem>): AssessedProblem => ({
  cadreId: 'A',
  cadreUnitId: 'd1',
  leadUnitId: 'u1',
  districtId: 'd1',
  kind: 'problem',
  status: 'accepted',
  createdOn: '2026-11-02',
  assignedOn: null,
  acceptedOn: null,
  dueOn: null,
  closedOn: null,
  unrated: false,
  withdrawnOn: null,
  checkedSolved: null,
  ...p,
});

/** November 2026, worked by hand in the comments (weights: config/assessment.json). */
function november() {
  const period = parsePeriod('2026-11')!;
  const facts = factsOf(
    {
      pairs: [
        pair('A', 1, true),
        pair('A', 2, true),
        pair('A', 3, true),
        pair('A', 4, false),
        pair('B', 5, false),
        pair('B', 6, false),
      ],
      problems: [
        // P1: accepted the next working day, closed before the deadline.
        problem({
          assignedOn: '2026-11-03',
          acceptedOn: '2026-11-04',
          dueOn: '2026-11-17',
          status: 'closed',
          closedOn: '2026-11-16',
        }),
        // P2: assigned Thursday, accepted Monday (2 working days: late), closed after the deadline.
        problem({
          createdOn: '2026-11-05',
          assignedOn: '2026-11-05',
          acceptedOn: '2026-11-09',
          dueOn: '2026-11-20',
          status: 'closed',
          closedOn: '2026-11-25',
        }),
        // P3: a 咨询 is not a problem found.
        problem({ kind: 'consult', createdOn: '2026-11-10' }),
        // P4: reported in October, due in November, still open.
        problem({
          createdOn: '2026-10-20',
          assignedOn: '2026-10-20',
          acceptedOn: '2026-10-21',
          dueOn: '2026-11-24',
        }),
        // P5: assigned on Sunday 11-01, accepted Monday (1 working day), withdrawn, 质检: not solved.
        problem({
          createdOn: '2026-11-01',
          assignedOn: '2026-11-01',
          acceptedOn: '2026-11-02',
          dueOn: '2026-12-01',
          status: 'withdrawn',
          withdrawnOn: '2026-11-12',
          checkedSolved: false,
        }),
      ],
      unitRatings: [
        {
          unitId: 'u1',
          cadreId: 'A',
          cadreUnitId: 'd1',
          districtId: 'd1',
          verdict: 'satisfied',
          checkedSolved: true,
        },
        {
          unitId: 'u1',
          cadreId: 'A',
          cadreUnitId: 'd1',
          districtId: 'd1',
          verdict: 'unsatisfied',
          checkedSolved: false,
        },
        {
          unitId: 'u1',
          cadreId: 'A',
          cadreUnitId: 'd1',
          districtId: 'd1',
          verdict: 'basic',
          checkedSolved: false,
        },
      ],
      cadreRatings: [
        { cadreId: 'A', cadreUnitId: 'd1', districtId: 'd1', score: 5 },
        { cadreId: 'A', cadreUnitId: 'd1', districtId: 'd1', score: 4 },
        { cadreId: 'B', cadreUnitId: 'd1', districtId: 'd1', score: 3 },
      ],
    },
    period,
    calendar,
  );
  return { period, facts };
}

describe('assessment formula on fixture data', () => {
  it('scores a cadre from 一月两见, problems found, 办结 and ratings (hand-checked)', () => {
    const { period, facts } = november();
    const report = assess(facts, period, settings, units, people);
    const a = report.levels.cadre.find((r) => r.id === 'A')!;
    expect(a.figures).toMatchObject({
      pairMonths: 4,
      pairMonthsMet: 3,
      problemsFound: 3,
      assigned: 3,
      respondedInTime: 2,
      due: 3,
      closed: 2,
      closedOnTime: 1,
      withdrawnUnsolved: 1,
      contradicted: 1,
    });
    // 30×0.75 + 10×1 + 15×(1/3) + 15×(2/3) + 20×0.875 + 10×(1+1−1)/(3+1) = 67.5
    expect(a.score).toBe(67.5);
    expect(a.parts.map((p) => [p.key, p.value])).toEqual([
      ['compliance', 0.75],
      ['problemsPerPair', 1],
      ['resolution', 0.667],
      ['onTime', 0.333],
      ['cadreRating', 0.875],
      ['satisfactionAfterCheck', 0.25],
    ]);
    expect(a.parts.find((p) => p.key === 'compliance')!.basis).toBe('达标 3/4 对·月');
    expect(a.rank).toBe(1);
  });

  it('leaves inputs without data out with their weight, or counts them as 0 when told', () => {
    const { period, facts } = november();
    const b = assess(facts, period, settings, units, people).levels.cadre.find((r) => r.id === 'B')!;
    // Only 一月两见 (0), problems found (0 of 2 pairs) and the rating (3 → 0.5) have data: 20×0.5 ÷ 60.
    expect(b.score).toBe(16.7);
    expect(b.rank).toBe(2);
    const zero = assess(facts, period, { ...settings, missing: 'zero' }, units, people);
    expect(zero.levels.cadre.find((r) => r.id === 'B')!.score).toBe(10);
  });

  it('scores the handling unit on its 响应、办结 and the firms’ verdicts', () => {
    const { period, facts } = november();
    const [u] = assess(facts, period, settings, units, people).levels.unit;
    expect(u.name).toBe('市住建局');
    // 10×(2/3) + 25×(1/3) + 25×(2/3) + 20×(1 + 0.8 + 0)/3 + 20×0.25 = 48.67
    expect(u.score).toBe(48.7);
  });

  it('scores the district on everything that happened for its firms', () => {
    const { period, facts } = november();
    const [d] = assess(facts, period, settings, units, people).levels.district;
    expect(d.name).toBe('雁塔区');
    // 20×(3/6) + 10×min(1, (3/6)/0.25) + 15×(1/3) + 15×(2/3) + 10×((12/3 − 1)/4) + 15×0.6 + 15×0.25 = 55.25
    expect(d.score).toBeCloseTo(55.25, 0);
    expect(d.figures.cadreRatings).toBe(3);
  });

  it('hides rows outside the viewer’s scope', () => {
    const { period, facts } = november();
    const r = assess(facts, period, settings, units, people, (level, id) => level !== 'cadre' || id === 'B');
    expect(r.levels.cadre.map((x) => x.id)).toEqual(['B']);
  });

  it('scales the problems-found target with the period’s months', () => {
    const half = { ...zeroFigures(), pairMonths: 12, problemsFound: 2 };
    // 2 pairs on average, 1 problem per pair, full mark at 0.25 × 6 = 1.5 per pair.
    expect(inputsOf(half, 6, settings).problemsPerPair.value).toBeCloseTo(2 / 3, 6);
  });
});

describe('assessment periods', () => {
  it.each([
    ['2026-11', '2026年11月', '2026-11-01', '2026-11-30', 1],
    ['2026H2', '2026年下半年', '2026-07-01', '2026-12-31', 6],
    ['2026h1', '2026年上半年', '2026-01-01', '2026-06-30', 6],
    ['2026', '2026年', '2026-01-01', '2026-12-31', 12],
  ])('%s', (text, label, from, to, months) => {
    expect(parsePeriod(text)).toMatchObject({ label, from, to });
    expect(parsePeriod(text)!.months).toHaveLength(months);
  });
  it.each(['2026-13', '2026H3', '26', '2026Q4', ''])('refuses %p', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });
});

describe('assessment settings', () => {
  it('names every bad field in Chinese', () => {
    const bad = {
      ...settings,
      weights: { ...settings.weights, cadre: { compliance: -1, speed: 3 } },
      missing: 'ignore',
    };
    expect(() => parseAssessmentSettings(bad)).toThrow(AssessmentSettingsError);
    try {
      parseAssessmentSettings(bad);
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toContain('weights.cadre.compliance：权重不能为负数');
      expect(msg).toContain('speed');
      expect(msg).toContain('missing：missing 只能是 skip 或 zero');
    }
  });
  it('needs at least one weight above 0 per level', () => {
    const bad = { ...settings, weights: { ...settings.weights, unit: { onTime: 0 } } };
    expect(() => parseAssessmentSettings(bad)).toThrow('至少要有一个指标的权重大于 0');
  });
  it('says when the file is missing or not JSON', () => {
    expect(() => loadAssessmentSettings('/nonexistent/assessment.json')).toThrow('找不到考核设置文件');
    expect(() => loadAssessmentSettings(__filename)).toThrow('不是合法的 JSON');
  });
});
