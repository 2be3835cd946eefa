import type { DataSource, EntityManager } from 'typeorm';
import type { AccountabilityRule, AccountabilitySubject } from '../../entities/enums';
import { dateOf, monthWindow, previousMonth, type IsoDate, type IsoMonth } from '../../lib/time';
import { AccountabilityRepository, type ExplanationRow } from '../../repositories/accountability.repository';
import { ComplianceService } from '../compliance.service';
import type { WorkdayCalendar } from '../workday-calendar';
import { accountabilityLines, type AccountabilityLine } from './rules';
import type { AccountabilitySettings } from './settings';

/** A line of the list with what happened to it. */
export interface ListedLine extends AccountabilityLine {
  /** The leader's explanation of this line (this month's list), if given. */
  explanation: { note: string; by: string | null; at: Date } | null;
}

/** A month's 慢作为/不作为 list. */
export interface AccountabilityList {
  month: IsoMonth;
  asOf: IsoDate;
  /** The lines to publish (通报): not explained on last month's list. */
  lines: ListedLine[];
  /** Lines met again but explained on last month's list: kept out of this list, shown in the record. */
  excused: (AccountabilityLine & { explainedLastMonth: { note: string; by: string | null } })[];
}

const keyOf = (kind: AccountabilitySubject, id: string, rule: AccountabilityRule) => `${kind}:${id}:${rule}`;

/** 慢作为/不作为: who meets the rule in a month, the facts, and leaders' explanations. */
export class AccountabilityService {
  private readonly repo: AccountabilityRepository;
  private readonly compliance: ComplianceService;

  constructor(db: DataSource | EntityManager) {
    this.repo = new AccountabilityRepository(db);
    this.compliance = new ComplianceService(db);
  }

  /** The list of `month` as of `now` (the cut-off is the month's last day, or today while it runs). */
  async list(
    month: IsoMonth,
    settings: AccountabilitySettings,
    calendar: WorkdayCalendar,
    now: Date,
  ): Promise<AccountabilityList> {
    const last = monthWindow(month).last;
    const today = dateOf(now);
    const asOf = today < last ? today : last;
    const contactMonths = monthsEnding(month, settings.missedContactsMonths);
    const pairsByMonth = new Map<IsoMonth, Awaited<ReturnType<ComplianceService['pairs']>>>();
    for (const m of contactMonths) pairsByMonth.set(m, await this.compliance.pairs(m));
    const [overdue, unsatisfied, explanations] = await Promise.all([
      this.repo.overdueAt(asOf),
      this.repo.unsatisfied(
        monthsEnding(month, settings.unsatisfied.months),
        settings.unsatisfied.cadreScoreAtMost,
      ),
      this.repo.explanations([month, previousMonth(month)]),
    ]);
    const all = accountabilityLines({ month, asOf, pairsByMonth, overdue, unsatisfied }, settings, calendar);
    const byKey = (period: IsoMonth) =>
      new Map<string, ExplanationRow>(
        explanations
          .filter((x) => x.period === period)
          .map((x) => [keyOf(x.subjectKind, x.subjectId, x.rule), x]),
      );
    const now_ = byKey(month);
    const before = byKey(previousMonth(month));
    const lines: ListedLine[] = [];
    const excused: AccountabilityList['excused'] = [];
    for (const line of all) {
      const key = keyOf(line.subject.kind, line.subject.id, line.rule);
      const earlier = before.get(key);
      if (earlier) {
        excused.push({ ...line, explainedLastMonth: { note: earlier.note, by: earlier.explainedBy } });
        continue;
      }
      const x = now_.get(key);
      lines.push({ ...line, explanation: x ? { note: x.note, by: x.explainedBy, at: x.explainedAt } : null });
    }
    return { month, asOf, lines, excused };
  }

  /**
   * Records a leader's explanation of a line on `month`'s list (the line must be on it; the caller
   * checks the leader's scope). Returns 'explained', 'already' or 'not_listed'.
   */
  async explain(
    list: AccountabilityList,
    line: { kind: AccountabilitySubject; id: string; rule: AccountabilityRule },
    note: string,
    by: string | null,
  ): Promise<'explained' | 'already' | 'not_listed'> {
    const found = list.lines.find(
      (l) => l.subject.kind === line.kind && l.subject.id === line.id && l.rule === line.rule,
    );
    if (!found) return 'not_listed';
    const ok = await this.repo.explain({
      subjectKind: line.kind,
      subjectId: line.id,
      rule: line.rule,
      period: list.month,
      facts: found.facts,
      note,
      explainedById: by,
    });
    return ok ? 'explained' : 'already';
  }
}

/** The `n` months ending with `month`, oldest first. */
export function monthsEnding(month: IsoMonth, n: number): IsoMonth[] {
  const out = [month];
  while (out.length < n) out.unshift(previousMonth(out[0]));
  return out;
}
