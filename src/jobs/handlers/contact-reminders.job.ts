import type { DataSource } from 'typeorm';
import type { ScheduledJobHandler } from '../catalogue';
import { dateOf, formatDateZh, monthOf, type IsoDate } from '../../lib/time';
import { pairRowsQuery, summaryOf } from '../../services/compliance.service';
import { DEFAULT_CONTACT_TARGET, timesZh } from '../../services/contact-rule';
import type { GroupMessage, PersonMessage } from '../../services/notifier';
import type { WorkdayCalendar } from '../../services/workday-calendar';
import { capped, markdown, pct } from '../../services/leader/format';
import type { JobDeps } from './job-deps';
import { keyPrefix, runPeriod } from './job-run';

const JOB = 'contact-reminders';
/** Day of the month from which every working day nudges pairs short of their target. */
const LATE_FROM_DAY = 25;

/**
 * What kind of 一月两见 run `today` is: 'mid' on the first working day on or after the 15th
 * (pairs with no contact yet), 'late' on every working day from the 25th (pairs short of their target),
 * otherwise null (nothing to do).
 */
export function reminderKind(today: IsoDate, calendar: WorkdayCalendar): 'mid' | 'late' | null {
  if (!calendar.isWorkday(today)) return null;
  if (Number(today.slice(8)) >= LATE_FROM_DAY) return 'late';
  return calendar.addWorkdays(`${today.slice(0, 7)}-15`, 0) === today ? 'mid' : null;
}

/** A cadre with short pairs: the firms, in district and name order, with their contacts and targets. */
export interface ShortCadre {
  id: string;
  firms: [name: string, contacts: number, target: number][];
}

/** A district's or a city unit's progress: its pairs, those met, and its cadres with short pairs. */
export interface ScopeProgress {
  scope: 'district' | 'unit';
  id: string;
  name: string;
  pairs: number;
  met: number;
  cadres: [name: string, short: number][];
}

/**
 * The reminder scan as one SQL statement over the month's pairs (ComplianceService's rule): one row
 * per cadre with short pairs (kind 'mid': no contact yet; 'late': fewer than the pair's target), and
 * one per district and per city unit with its totals and its short cadres. A pair's unit row counts
 * when its cadre comes from a unit other than the firm's district. Orders follow the pair order
 * (district, cadre, firm), so every list reads as the per-pair version wrote it.
 */
export async function reminderScan(
  db: DataSource,
  at: Date,
  kind: 'mid' | 'late',
): Promise<{ cadres: ShortCadre[]; scopes: ScopeProgress[] }> {
  const today = dateOf(at);
  const q = pairRowsQuery(monthOf(at), { openAt: at, notOnLeaveOn: today });
  const kindParam = `$${q.params.length + 1}`;
  const rows: { kind: string; id: string; name: string; pairs: number; met: number; items: unknown }[] =
    await db.query(
      `WITH pairs AS MATERIALIZED (${q.sql}),
       short AS MATERIALIZED (
         SELECT * FROM pairs
         WHERE CASE WHEN ${kindParam}::text = 'mid' THEN contacts = 0 ELSE NOT met END
       ),
       -- Only the columns the totals and lists read: the pair rows are wide (names), and this is two of them each.
       scoped AS (
         SELECT 'district' AS scope, district_id AS scope_id, district_name AS scope_name,
                cadre_id, cadre_name, district_name, contacts, met FROM pairs
         UNION ALL
         SELECT 'unit', cadre_unit_id, coalesce(cadre_unit_name, ''),
                cadre_id, cadre_name, district_name, contacts, met FROM pairs
         WHERE cadre_unit_id IS NOT NULL AND cadre_unit_id <> district_id
       ),
       short_cadres AS (
         SELECT scope, scope_id, cadre_id, cadre_name, count(*)::int AS n, min(district_name) AS first_district
         FROM scoped
         WHERE CASE WHEN ${kindParam}::text = 'mid' THEN contacts = 0 ELSE NOT met END
         GROUP BY scope, scope_id, cadre_id, cadre_name
       ),
       listed AS (
         SELECT scope, scope_id,
                jsonb_agg(jsonb_build_array(cadre_name, n) ORDER BY first_district, cadre_name, cadre_id) AS items
         FROM short_cadres GROUP BY scope, scope_id
       ),
       totals AS (
         SELECT scope, scope_id, min(scope_name) AS name, count(*)::int AS pairs,
                count(*) FILTER (WHERE met)::int AS met, min(district_name) AS first_district
         FROM scoped GROUP BY scope, scope_id
       )
       SELECT 'cadre' AS kind, cadre_id::text AS id, cadre_name AS name, 0 AS pairs, 0 AS met,
              jsonb_agg(jsonb_build_array(enterprise_name, contacts, target)
                        ORDER BY district_name, enterprise_name, enterprise_id) AS items,
              min(district_name) AS o1, cadre_name AS o2, cadre_id::text AS o3
       FROM short GROUP BY cadre_id, cadre_name
       UNION ALL
       SELECT t.scope, t.scope_id::text, t.name, t.pairs, t.met, coalesce(l.items, '[]'::jsonb),
              t.first_district, t.name, t.scope_id::text
       FROM totals t LEFT JOIN listed l USING (scope, scope_id)
       ORDER BY 1, 7, 8, 9`,
      [...q.params, kind],
    );
  const cadres: ShortCadre[] = [];
  const scopes: ScopeProgress[] = [];
  for (const r of rows) {
    if (r.kind === 'cadre') cadres.push({ id: r.id, firms: r.items as ShortCadre['firms'] });
    else
      scopes.push({
        scope: r.kind as ScopeProgress['scope'],
        id: r.id,
        name: r.name,
        pairs: r.pairs,
        met: r.met,
        cadres: r.items as ScopeProgress['cadres'],
      });
  }
  return { cadres, scopes };
}

/** One merged message per cadre listing every short pair. */
function cadreMessage(kind: 'mid' | 'late', today: IsoDate, firms: ShortCadre['firms']) {
  // One target for every listed firm (the usual case) is said once in the head; mixed targets per line.
  const targets = new Set(firms.map(([, , target]) => target));
  const shared = targets.size === 1 ? firms[0][2] : null;
  const head =
    kind === 'mid'
      ? `${formatDateZh(today)}：本月以下 ${firms.length} 家企业还没有联系记录：`
      : shared !== null
        ? `${formatDateZh(today)}：本月以下 ${firms.length} 家企业联系不足${timesZh(shared)}次：`
        : `${formatDateZh(today)}：本月以下 ${firms.length} 家企业联系次数未达标：`;
  const need = (target: number) =>
    target !== DEFAULT_CONTACT_TARGET && (shared === null || kind === 'mid') ? `（每月需 ${target} 次）` : '';
  return markdown('一月两见提醒', [
    '### 一月两见提醒',
    head,
    ...firms.map(([name, contacts, target]) => `- ${name}：本月已联系 ${contacts} 次${need(target)}`),
    '请在月底前上门或电话联系，联系后发：登记走访 企业 日期 方式 情况',
  ]);
}

/** The progress of one district or unit, naming the cadres with short pairs. */
function summaryMessage(kind: 'mid' | 'late', today: IsoDate, p: ScopeProgress) {
  const s = summaryOf(p.pairs, p.met);
  const lines = p.cadres.map(([name, n]) => `- ${name}：${n} 家`);
  return markdown(`一月两见进度 · ${p.name}`, [
    `### 一月两见进度 · ${p.name}`,
    `截至${formatDateZh(today)}：包联 ${s.pairs} 对，已达标 ${s.met} 对（${pct(s.rate)}）。`,
    ...(lines.length
      ? [kind === 'mid' ? '本月尚无联系记录的干部：' : '尚未达标的干部：', ...capped(lines, 40)]
      : ['全部达标。']),
  ]);
}

/**
 * contact-reminders: 一月两见 nudges to cadres (merged per cadre) and summaries to district and unit
 * groups. Set-based: one scan statement, then the outbox rows in bulk (Notifier.toPeopleMany and
 * toGroupsMany: one route query each, then Sender.sendMany: one INSERT … SELECT FROM unnest per
 * SEND_MANY_CHUNK rows, each followed by one bulk queue add and no other query); no query per message.
 */
export function contactRemindersJob(deps: JobDeps): ScheduledJobHandler {
  return async (at) => {
    const today = dateOf(at);
    const kind = reminderKind(today, deps.calendar.current());
    if (!kind) return { sent: 0, period: today, note: 'not a reminder day' };
    return runPeriod(deps, JOB, today, async () => {
      const prefix = keyPrefix(JOB, today);
      const { cadres, scopes } = await reminderScan(deps.ds, at, kind);
      const people: PersonMessage[] = cadres.map((c) => ({
        personId: c.id,
        key: `${prefix}cadre`,
        payload: cadreMessage(kind, today, c.firms),
      }));
      // Cadres first (as the per-message version did), then the district and unit groups.
      const reached = people.length ? await deps.notifier.toPeopleMany(deps.ds, people) : 0;
      const groups: GroupMessage[] = scopes.map((p) => ({
        target:
          p.scope === 'district' ? { purpose: 'district', unitId: p.id } : { purpose: 'unit', unitId: p.id },
        key: `${prefix}${p.scope}-${p.id}`,
        payload: summaryMessage(kind, today, p),
      }));
      if (groups.length) await deps.notifier.toGroupsMany(deps.ds, groups);
      const unreachable = cadres.length - reached;
      return `${kind}: ${cadres.length} cadre(s) with short pairs${unreachable ? `, ${unreachable} unreachable` : ''}`;
    });
  };
}
