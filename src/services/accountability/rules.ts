import type { AccountabilityRule, AccountabilitySubject } from '../../entities/enums';
import { formatDateZh, type IsoDate, type IsoMonth } from '../../lib/time';
import type { CompliancePair } from '../compliance.service';
import type { WorkdayCalendar } from '../workday-calendar';
import type { AccountabilitySettings } from './settings';
import type { OverdueProblem, UnsatisfiedRating } from '../../repositories/accountability.repository';

export type { OverdueProblem, UnsatisfiedRating } from '../../repositories/accountability.repository';

/** One line of a month's 慢作为/不作为 list: who, by which rule, and the facts behind it (in Chinese). */
export interface AccountabilityLine {
  rule: AccountabilityRule;
  subject: {
    kind: AccountabilitySubject;
    id: string;
    name: string;
    unitId: string | null;
    unitName: string | null;
  };
  /** Districts of the firms concerned, so a district leader hears about lines in their district. */
  districtIds: string[];
  facts: string[];
}

/** What the rules read: 一月两见 pairs per month (the list's month last), overdue problems, bad ratings. */
export interface AccountabilityEvidence {
  month: IsoMonth;
  /** The cut-off: the list's month's last day (or today while the month runs). */
  asOf: IsoDate;
  pairsByMonth: Map<IsoMonth, CompliancePair[]>;
  overdue: OverdueProblem[];
  unsatisfied: UnsatisfiedRating[];
}

const monthZh = (m: IsoMonth) => `${Number(m.slice(5))}月`;

/** The rules applied to the evidence: every line of the month, explained ones included. */
export function accountabilityLines(
  e: AccountabilityEvidence,
  s: AccountabilitySettings,
  calendar: WorkdayCalendar,
): AccountabilityLine[] {
  const lines: AccountabilityLine[] = [];

  // 一月两见 missed in each of the last N months (the cadre held a pair short at each month's end).
  const months = [...e.pairsByMonth.keys()].sort().slice(-s.missedContactsMonths);
  if (months.length === s.missedContactsMonths) {
    const shortBy = months.map((m) => {
      const byCadre = new Map<string, CompliancePair[]>();
      for (const p of e.pairsByMonth.get(m) ?? [])
        byCadre.set(p.cadre.id, [...(byCadre.get(p.cadre.id) ?? []), p]);
      return byCadre;
    });
    const last = shortBy[shortBy.length - 1];
    for (const [cadreId, pairs] of last) {
      const everyMonth = shortBy.every((byCadre) => (byCadre.get(cadreId) ?? []).some((p) => !p.met));
      if (!everyMonth) continue;
      const c = pairs[0].cadre;
      lines.push({
        rule: 'missed_contacts',
        subject: { kind: 'cadre', id: cadreId, name: c.name, unitId: c.unitId, unitName: c.unitName },
        districtIds: [...new Set(pairs.map((p) => p.enterprise.districtId))],
        facts: months.map((m, i) => {
          const ps = shortBy[i].get(cadreId) ?? [];
          const missed = ps.filter((p) => !p.met);
          return `${monthZh(m)}一月两见 ${missed.length}/${ps.length} 家未达标：${missed.map((p) => `${p.enterprise.name}（${p.contacts} 次）`).join('、')}`;
        }),
      });
    }
  }

  // Problems more than N working days past the deadline, per lead unit.
  const overdueByUnit = new Map<string, { p: OverdueProblem; days: number }[]>();
  for (const p of e.overdue) {
    const days = calendar.workdaysBetween(p.dueOn, e.asOf);
    if (days <= s.overdueWorkdays) continue;
    overdueByUnit.set(p.unitId, [...(overdueByUnit.get(p.unitId) ?? []), { p, days }]);
  }
  for (const [unitId, ps] of overdueByUnit) {
    ps.sort((a, b) => b.days - a.days || a.p.code.localeCompare(b.p.code));
    lines.push({
      rule: 'overdue',
      subject: { kind: 'unit', id: unitId, name: ps[0].p.unitName, unitId, unitName: ps[0].p.unitName },
      districtIds: [...new Set(ps.map((x) => x.p.districtId))],
      facts: [
        `截至${formatDateZh(e.asOf)}，${ps.length} 件问题超期 ${s.overdueWorkdays} 个工作日以上未答复：`,
        ...ps.map(
          (x) => `${x.p.code} ${x.p.enterprise}，限${formatDateZh(x.p.dueOn)}办结，已超 ${x.days} 个工作日`,
        ),
      ],
    });
  }

  // Repeated 不满意 within the window.
  const bad = new Map<string, UnsatisfiedRating[]>();
  for (const r of e.unsatisfied)
    bad.set(`${r.subject}:${r.id}`, [...(bad.get(`${r.subject}:${r.id}`) ?? []), r]);
  for (const rs of bad.values()) {
    if (rs.length < s.unsatisfied.count) continue;
    const r = rs[0];
    lines.push({
      rule: 'unsatisfied',
      subject: { kind: r.subject, id: r.id, name: r.name, unitId: r.unitId, unitName: r.unitName },
      districtIds: [...new Set(rs.map((x) => x.districtId))],
      facts: [
        `近 ${s.unsatisfied.months} 个月企业评价不满意 ${rs.length} 次：`,
        ...rs.map((x) => `${x.enterprise} ${x.what}：${x.verdict}`),
      ],
    });
  }
  return lines.sort(
    (a, b) =>
      RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule) ||
      a.subject.name.localeCompare(b.subject.name, 'zh'),
  );
}

const RULE_ORDER: AccountabilityRule[] = ['missed_contacts', 'overdue', 'unsatisfied'];

/** How a person reads each rule. */
export const RULE_LABELS: Record<AccountabilityRule, string> = {
  missed_contacts: '连续未落实一月两见',
  overdue: '问题超期未办',
  unsatisfied: '企业多次不满意',
};
