/**
 * contact-reminders before it was set-based (one route query and one insert per message), kept as the
 * baseline of `npm run bench` and as the oracle the set-based job is checked against.
 */
import type { ScheduledJobHandler } from '../../src/jobs/catalogue';
import { dateOf, formatDateZh, monthOf, type IsoDate } from '../../src/lib/time';
import { reminderKind } from '../../src/jobs/handlers/contact-reminders.job';
import { groupBy } from '../../src/lib/collections';
import { type CompliancePair, ComplianceService, summarize } from '../../src/services/compliance.service';
import { DEFAULT_CONTACT_TARGET, timesZh } from '../../src/services/contact-rule';
import { capped, markdown, pct } from '../../src/services/leader/format';
import type { JobDeps } from '../../src/jobs/handlers/job-deps';
import { keyPrefix, runPeriod } from '../../src/jobs/handlers/job-run';

const JOB = 'contact-reminders';

const short = (kind: 'mid' | 'late') => (p: CompliancePair) => (kind === 'mid' ? p.contacts === 0 : !p.met);

/** One merged message per cadre listing every short pair. */
function cadreMessage(kind: 'mid' | 'late', today: IsoDate, pairs: CompliancePair[]) {
  // One target for every listed firm (the usual case) is said once in the head; mixed targets per line.
  const targets = new Set(pairs.map((p) => p.target));
  const shared = targets.size === 1 ? pairs[0].target : null;
  const head =
    kind === 'mid'
      ? `${formatDateZh(today)}：本月以下 ${pairs.length} 家企业还没有联系记录：`
      : shared !== null
        ? `${formatDateZh(today)}：本月以下 ${pairs.length} 家企业联系不足${timesZh(shared)}次：`
        : `${formatDateZh(today)}：本月以下 ${pairs.length} 家企业联系次数未达标：`;
  const need = (p: CompliancePair) =>
    p.target !== DEFAULT_CONTACT_TARGET && (shared === null || kind === 'mid')
      ? `（每月需 ${p.target} 次）`
      : '';
  return markdown('一月两见提醒', [
    '### 一月两见提醒',
    head,
    ...pairs.map((p) => `- ${p.enterprise.name}：本月已联系 ${p.contacts} 次${need(p)}`),
    '请在月底前上门或电话联系，联系后发：登记走访 企业 日期 方式 情况',
  ]);
}

/** The progress of one district or unit, naming the cadres with short pairs. */
function summaryMessage(kind: 'mid' | 'late', today: IsoDate, name: string, pairs: CompliancePair[]) {
  const s = summarize(pairs);
  const byCadre = groupBy(pairs.filter(short(kind)), (p) => p.cadre.id);
  const lines = [...byCadre.values()].map((ps) => `- ${ps[0].cadre.name}：${ps.length} 家`);
  return markdown(`一月两见进度 · ${name}`, [
    `### 一月两见进度 · ${name}`,
    `截至${formatDateZh(today)}：包联 ${s.pairs} 对，已达标 ${s.met} 对（${pct(s.rate)}）。`,
    ...(lines.length
      ? [kind === 'mid' ? '本月尚无联系记录的干部：' : '尚未达标的干部：', ...capped(lines, 40)]
      : ['全部达标。']),
  ]);
}

/** contact-reminders: 一月两见 nudges to cadres (merged per cadre) and summaries to district and unit groups. */
export function contactRemindersRowByRow(deps: JobDeps): ScheduledJobHandler {
  return async (at) => {
    const today = dateOf(at);
    const kind = reminderKind(today, deps.calendar.current());
    if (!kind) return { sent: 0, period: today, note: 'not a reminder day' };
    return runPeriod(deps, JOB, today, async () => {
      const prefix = keyPrefix(JOB, today);
      const pairs = await new ComplianceService(deps.ds).pairs(monthOf(at), {
        openAt: at,
        notOnLeaveOn: today,
      });
      const byCadre = groupBy(pairs.filter(short(kind)), (p) => p.cadre.id);
      let unreachable = 0;
      for (const [cadreId, ps] of byCadre) {
        const ok = await deps.notifier.toPerson(
          deps.ds,
          cadreId,
          `${prefix}cadre`,
          cadreMessage(kind, today, ps),
        );
        if (!ok) unreachable++;
      }
      for (const [districtId, ps] of groupBy(pairs, (p) => p.enterprise.districtId)) {
        const payload = summaryMessage(kind, today, ps[0].enterprise.districtName, ps);
        await deps.notifier.toGroups(
          deps.ds,
          { purpose: 'district', unitId: districtId },
          `${prefix}district-${districtId}`,
          payload,
        );
      }
      // Cadres from city departments: their unit's group gets the same summary for its own cadres.
      const fromUnits = pairs.filter((p) => p.cadre.unitId && p.cadre.unitId !== p.enterprise.districtId);
      for (const [unitId, ps] of groupBy(fromUnits, (p) => p.cadre.unitId!)) {
        const payload = summaryMessage(kind, today, ps[0].cadre.unitName ?? '', ps);
        await deps.notifier.toGroups(
          deps.ds,
          { purpose: 'unit', unitId },
          `${prefix}unit-${unitId}`,
          payload,
        );
      }
      return `${kind}: ${byCadre.size} cadre(s) with short pairs${unreachable ? `, ${unreachable} unreachable` : ''}`;
    });
  };
}
