import type {
  AssessedCadreRating,
  AssessedProblem,
  AssessedUnitRating,
} from '../../repositories/assessment.repository';
import type { CompliancePair } from '../compliance.service';
import type { WorkdayCalendar } from '../workday-calendar';
import type { Figures } from './formula';
import type { AssessmentPeriod } from './period';

/**
 * One piece of evidence and whom it counts for: a cadre, a unit and a district. Which unit depends
 * on the fact — the lead unit for handling a problem (响应、办结、评价), the cadre's own unit for
 * what cadres do (一月两见, problems found, the firm's rating of the cadre).
 */
export interface Fact {
  cadreId: string | null;
  unitId: string | null;
  districtId: string;
  figures: Partial<Figures>;
}

/** What an assessment is computed from, read for one period. */
export interface AssessmentEvidence {
  problems: AssessedProblem[];
  unitRatings: AssessedUnitRating[];
  cadreRatings: AssessedCadreRating[];
  /** 一月两见 pairs of each month of the period. */
  pairs: CompliancePair[];
}

const within = (d: string | null, p: AssessmentPeriod) => d !== null && d >= p.from && d <= p.to;

/** The evidence as facts; summing the facts of a cadre, unit or district gives its figures. */
export function factsOf(e: AssessmentEvidence, p: AssessmentPeriod, calendar: WorkdayCalendar): Fact[] {
  const facts: Fact[] = [];
  for (const pair of e.pairs) {
    facts.push({
      cadreId: pair.cadre.id,
      unitId: pair.cadre.unitId,
      districtId: pair.enterprise.districtId,
      figures: { pairMonths: 1, pairMonthsMet: pair.met ? 1 : 0 },
    });
  }
  for (const q of e.problems) {
    const handled = { cadreId: q.cadreId, unitId: q.leadUnitId, districtId: q.districtId };
    if (within(q.createdOn, p) && q.kind !== 'consult') {
      facts.push({
        cadreId: q.cadreId,
        unitId: q.cadreUnitId,
        districtId: q.districtId,
        figures: { problemsFound: 1 },
      });
    }
    if (within(q.assignedOn, p)) {
      const inTime = q.acceptedOn !== null && calendar.workdaysBetween(q.assignedOn!, q.acceptedOn) <= 1;
      facts.push({ ...handled, figures: { assigned: 1, respondedInTime: inTime ? 1 : 0 } });
    }
    if (within(q.dueOn, p) && q.status !== 'withdrawn') {
      const closed = q.status === 'closed' && !q.unrated;
      facts.push({
        ...handled,
        figures: {
          due: 1,
          closed: closed ? 1 : 0,
          closedOnTime: closed && q.closedOn !== null && q.closedOn <= q.dueOn! ? 1 : 0,
        },
      });
    }
    if (within(q.withdrawnOn, p) && q.checkedSolved === false) {
      facts.push({ ...handled, figures: { withdrawnUnsolved: 1 } });
    }
  }
  for (const r of e.unitRatings) {
    const good = r.verdict !== 'unsatisfied';
    facts.push({
      cadreId: r.cadreId,
      unitId: r.unitId,
      districtId: r.districtId,
      figures: {
        satisfied: r.verdict === 'satisfied' ? 1 : 0,
        basic: r.verdict === 'basic' ? 1 : 0,
        unsatisfied: good ? 0 : 1,
        contradicted: good && r.checkedSolved === false ? 1 : 0,
      },
    });
  }
  for (const r of e.cadreRatings) {
    facts.push({
      cadreId: r.cadreId,
      unitId: r.cadreUnitId,
      districtId: r.districtId,
      figures: { cadreRatings: 1, cadreScoreSum: r.score },
    });
  }
  return facts;
}
