import type { AssessmentSettings, InputKey, Level } from './settings';
import { INPUT_KEYS } from './settings';

/** Additive raw figures of one cadre, unit or district over a period: what every input is made of. */
export interface Figures {
  /** Pair-months (one pair in one month) and those that met 一月两见. */
  pairMonths: number;
  pairMonthsMet: number;
  /** Problems reported for the firms (by their cadre or contact) in the period. */
  problemsFound: number;
  /** Problems assigned in the period, and accepted within one working day. */
  assigned: number;
  respondedInTime: number;
  /** Problems due in the period (withdrawn excluded), closed with a verdict, closed by the deadline. */
  due: number;
  closed: number;
  closedOnTime: number;
  /** Monthly ratings of the cadre by firms (1–5): how many and their sum. */
  cadreRatings: number;
  cadreScoreSum: number;
  /** Ratings of a unit's result, by verdict. */
  satisfied: number;
  basic: number;
  unsatisfied: number;
  /** Of the 满意/基本满意 ratings, those 撤单质检 contradicted (the firm said it was not solved). */
  contradicted: number;
  /** Withdrawals 撤单质检 found not solved: counted as 不满意 in 质检后满意率. */
  withdrawnUnsolved: number;
}

export const FIGURE_KEYS = [
  'pairMonths',
  'pairMonthsMet',
  'problemsFound',
  'assigned',
  'respondedInTime',
  'due',
  'closed',
  'closedOnTime',
  'cadreRatings',
  'cadreScoreSum',
  'satisfied',
  'basic',
  'unsatisfied',
  'contradicted',
  'withdrawnUnsolved',
] as const satisfies readonly (keyof Figures)[];

export const zeroFigures = (): Figures =>
  Object.fromEntries(FIGURE_KEYS.map((k) => [k, 0])) as unknown as Figures;

/** Adds `more` into `into`. */
export function addFigures(into: Figures, more: Partial<Figures>): void {
  for (const k of FIGURE_KEYS) into[k] += more[k] ?? 0;
}

/** One input of a score: its value (0–1, null without data) and the figures it came from, in words. */
export interface InputValue {
  value: number | null;
  /** e.g. "达标 10/12 对·月", "销号 7/9 件". */
  basis: string;
}

const ratio = (n: number, d: number) => (d > 0 ? n / d : null);

/** Every input of a score from the raw figures of `months` months. */
export function inputsOf(f: Figures, months: number, s: AssessmentSettings): Record<InputKey, InputValue> {
  const pairs = f.pairMonths / Math.max(1, months);
  const perPair = pairs > 0 ? f.problemsFound / pairs : null;
  const target = s.problemsPerPairPerMonth * months;
  const rated = f.satisfied + f.basic + f.unsatisfied;
  const verdictSum =
    f.satisfied * s.verdictScores.satisfied +
    f.basic * s.verdictScores.basic +
    f.unsatisfied * s.verdictScores.unsatisfied;
  const checkedBase = rated + f.withdrawnUnsolved;
  return {
    compliance: {
      value: ratio(f.pairMonthsMet, f.pairMonths),
      basis: `达标 ${f.pairMonthsMet}/${f.pairMonths} 对·月`,
    },
    problemsPerPair: {
      value: perPair === null ? null : Math.min(1, perPair / target),
      basis: `发现 ${f.problemsFound} 件 / 平均 ${round(pairs, 2)} 对（满分 ${round(target, 2)} 件/对）`,
    },
    response: {
      value: ratio(f.respondedInTime, f.assigned),
      basis: `及时响应 ${f.respondedInTime}/${f.assigned} 件`,
    },
    resolution: { value: ratio(f.closed, f.due), basis: `销号 ${f.closed}/${f.due} 件到期` },
    onTime: { value: ratio(f.closedOnTime, f.due), basis: `按时办结 ${f.closedOnTime}/${f.due} 件到期` },
    cadreRating: {
      value: f.cadreRatings > 0 ? (f.cadreScoreSum / f.cadreRatings - 1) / 4 : null,
      basis: f.cadreRatings
        ? `平均 ${round(f.cadreScoreSum / f.cadreRatings, 2)} 分（${f.cadreRatings} 次，1–5 分）`
        : '无评分',
    },
    unitRating: {
      value: ratio(verdictSum, rated),
      basis: `满意 ${f.satisfied}、基本满意 ${f.basic}、不满意 ${f.unsatisfied}`,
    },
    satisfactionAfterCheck: {
      value: ratio(f.satisfied + f.basic - f.contradicted, checkedBase),
      basis: `满意及基本满意 ${f.satisfied + f.basic} 次，质检否定 ${f.contradicted} 次，撤单质检未解决 ${f.withdrawnUnsolved} 件`,
    },
  };
}

/** One weighed part of a score. */
export interface ScorePart {
  key: InputKey;
  weight: number;
  value: number | null;
  /** Points earned toward the 100: weight × value ÷ the weights counted × 100. */
  points: number | null;
  basis: string;
}

/** A score (0–100, one decimal; null when no weighed input has data) and its parts. */
export interface Score {
  score: number | null;
  parts: ScorePart[];
}

/**
 * score = 100 × Σ wᵢ·xᵢ ÷ Σ wᵢ over the level's weighed inputs; an input without data is left out
 * with its weight (`missing: skip`) or counts as 0 (`missing: zero`).
 */
export function scoreOf(level: Level, inputs: Record<InputKey, InputValue>, s: AssessmentSettings): Score {
  const weighed = INPUT_KEYS.filter((k) => (s.weights[level][k] ?? 0) > 0);
  const counted = weighed.filter((k) => inputs[k].value !== null || s.missing === 'zero');
  const total = counted.reduce((sum, k) => sum + (s.weights[level][k] ?? 0), 0);
  const parts = weighed.map((key): ScorePart => {
    const weight = s.weights[level][key] ?? 0;
    const value = inputs[key].value ?? (s.missing === 'zero' ? 0 : null);
    return {
      key,
      weight,
      value: value === null ? null : round(value, 3),
      points: value === null || total === 0 ? null : round((100 * weight * value) / total, 1),
      basis: inputs[key].basis,
    };
  });
  if (total === 0) return { score: null, parts };
  const sum = counted.reduce((acc, k) => acc + (s.weights[level][k] ?? 0) * (inputs[k].value ?? 0), 0);
  return { score: round((100 * sum) / total, 1), parts };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
