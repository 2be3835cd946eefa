import type { DataSource, EntityManager } from 'typeorm';
import { AssessmentRepository, type NamedUnit } from '../../repositories/assessment.repository';
import { ComplianceService } from '../compliance.service';
import type { WorkdayCalendar } from '../workday-calendar';
import { factsOf, type Fact } from './facts';
import { addFigures, type Figures, inputsOf, type ScorePart, scoreOf, zeroFigures } from './formula';
import type { AssessmentPeriod } from './period';
import { type AssessmentSettings, type Level, LEVELS } from './settings';

/** One ranked line of an assessment: who, the score, each weighed input and the raw figures. */
export interface AssessmentRow {
  rank: number | null;
  id: string;
  name: string;
  /** The cadre's unit, the unit's parent, the district's parent (for reading, not ranking). */
  group: string | null;
  score: number | null;
  parts: ScorePart[];
  figures: Figures;
}

export interface AssessmentReport {
  period: { key: string; label: string; from: string; to: string };
  levels: Record<Level, AssessmentRow[]>;
}

/** Which rows a viewer may see (ids of cadres, units, districts); everything when absent. */
export type AssessmentScope = (level: Level, id: string, groupId: string | null) => boolean;

const UNIT_KINDS = new Set(['handling', 'department']);
const DISTRICT_KINDS = new Set(['district', 'zone']);

/** 年中、年度考核: scores of cadres, handling units and districts over a period, with their evidence. */
export class AssessmentService {
  private readonly repo: AssessmentRepository;
  private readonly compliance: ComplianceService;

  constructor(db: DataSource | EntityManager) {
    this.repo = new AssessmentRepository(db);
    this.compliance = new ComplianceService(db);
  }

  /** The assessment of a period under these settings. */
  async report(
    period: AssessmentPeriod,
    settings: AssessmentSettings,
    calendar: WorkdayCalendar,
    scope?: AssessmentScope,
  ): Promise<AssessmentReport> {
    const [problems, unitRatings, cadreRatings, units] = await Promise.all([
      this.repo.problems(period.from, period.to),
      this.repo.unitRatings(period.from, period.to),
      this.repo.cadreRatings(period.months),
      this.repo.units(),
    ]);
    const pairs = [];
    for (const m of period.months) pairs.push(...(await this.compliance.pairs(m)));
    const facts = factsOf({ problems, unitRatings, cadreRatings, pairs }, period, calendar);
    const cadreIds = [...new Set(facts.map((f) => f.cadreId).filter((id): id is string => id !== null))];
    const people = await this.repo.people(cadreIds);
    return assess(facts, period, settings, units, people, scope);
  }
}

/** Sums facts per cadre, unit and district, scores and ranks them (pure: the tests' entry point). */
export function assess(
  facts: readonly Fact[],
  period: AssessmentPeriod,
  settings: AssessmentSettings,
  units: readonly NamedUnit[],
  people: ReadonlyMap<string, { name: string; unitId: string | null }>,
  scope: AssessmentScope = () => true,
): AssessmentReport {
  const unitById = new Map(units.map((u) => [u.id, u]));
  const sums: Record<Level, Map<string, Figures>> = {
    cadre: new Map(),
    unit: new Map(),
    district: new Map(),
  };
  const add = (level: Level, id: string | null, f: Partial<Figures>) => {
    if (!id) return;
    let into = sums[level].get(id);
    if (!into) sums[level].set(id, (into = zeroFigures()));
    addFigures(into, f);
  };
  for (const fact of facts) {
    add('cadre', fact.cadreId, fact.figures);
    if (fact.unitId && UNIT_KINDS.has(unitById.get(fact.unitId)?.kind ?? ''))
      add('unit', fact.unitId, fact.figures);
    if (DISTRICT_KINDS.has(unitById.get(fact.districtId)?.kind ?? ''))
      add('district', fact.districtId, fact.figures);
  }
  const describe = (
    level: Level,
    id: string,
  ): { name: string; group: string | null; groupId: string | null } => {
    if (level === 'cadre') {
      const p = people.get(id);
      const groupId = p?.unitId ?? null;
      return { name: p?.name ?? '', groupId, group: groupId ? (unitById.get(groupId)?.name ?? null) : null };
    }
    const u = unitById.get(id);
    const groupId = u?.parentId ?? null;
    return { name: u?.name ?? '', groupId, group: groupId ? (unitById.get(groupId)?.name ?? null) : null };
  };
  const levels = Object.fromEntries(
    LEVELS.map((level) => {
      const rows = [...sums[level]]
        .map(([id, figures]) => ({ id, figures, ...describe(level, id) }))
        .filter((r) => scope(level, r.id, r.groupId))
        .map(({ id, figures, name, group }) => {
          const s = scoreOf(level, inputsOf(figures, period.months.length, settings), settings);
          return { rank: null as number | null, id, name, group, score: s.score, parts: s.parts, figures };
        })
        .sort(
          (a, b) =>
            (b.score ?? -1) - (a.score ?? -1) ||
            a.name.localeCompare(b.name, 'zh') ||
            a.id.localeCompare(b.id),
        );
      // Equal scores share a rank (1, 2, 2, 4); rows without a score are unranked.
      rows.forEach((r, i) => {
        if (r.score === null) return;
        r.rank = i > 0 && rows[i - 1].score === r.score ? rows[i - 1].rank : i + 1;
      });
      return [level, rows];
    }),
  ) as Record<Level, AssessmentRow[]>;
  return { period: { key: period.key, label: period.label, from: period.from, to: period.to }, levels };
}
