import type { EntityManager } from 'typeorm';
import type { ScheduledJobHandler } from '../catalogue';
import { dateOf, formatDateZh, type IsoDate } from '../../lib/time';
import type { WorkdayCalendar } from '../../services/workday-calendar';
import { brief, markdown } from './format';
import type { JobDeps } from './job-deps';
import { keyPrefix, runPeriod } from './job-run';
import { type TieredProblem, tieredProblems } from './tiered-problems';

const JOB = 'problem-chasing';

/** The escalation step of each tier, as a problem_event action. */
const STEP = { blue: 'remind', yellow: 'urge', red: 'supervise' } as const;
const STEP_ZH = { blue: '到期提醒', yellow: '催办', red: '督办' } as const;

/**
 * Records each step once per problem, tier and deadline (an approved extension moves the deadline,
 * and the ladder starts again) as a problem_event keyed `problem-chasing-<tier>-<id>-<due>`.
 * Returns the problems whose step is new.
 */
async function newSteps(em: EntityManager, problems: TieredProblem[], at: Date): Promise<TieredProblem[]> {
  if (problems.length === 0) return [];
  const rows: { problem_id: string }[] = await em.query(
    `INSERT INTO problem_event (problem_id, at, actor_id, action, note, idempotency_key)
     SELECT t.id, $1, NULL, t.action, t.note, t.key
     FROM unnest($2::uuid[], $3::varchar[], $4::text[], $5::varchar[]) AS t(id, action, note, key)
     ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING problem_id`,
    [
      at,
      problems.map((p) => p.id),
      problems.map((p) => STEP[p.tier]),
      problems.map((p) => `${STEP_ZH[p.tier]}（系统）`),
      problems.map((p) => `${JOB}-${p.tier}-${p.id}-${p.dueOn}`),
    ],
  );
  const fresh = new Set(rows.map((r) => r.problem_id));
  return problems.filter((p) => fresh.has(p.id));
}

function line(p: TieredProblem, today: IsoDate, cal: WorkdayCalendar): string {
  const when =
    p.dueOn >= today
      ? `${formatDateZh(p.dueOn)}到期`
      : `已超期 ${cal.workdaysBetween(p.dueOn, today)} 个工作日`;
  const redo = p.redoCount ? `，重办 ${p.redoCount} 次` : '';
  const handler = p.handlerName ? `，办理人 ${p.handlerName}` : '';
  return `- ${p.code} ${p.enterpriseName}：${brief(p.description)}（${when}${redo}${handler}）`;
}

function groupBy<T>(items: T[], key: (item: T) => string | null): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== null) map.set(k, [...(map.get(k) ?? []), item]);
  }
  return map;
}

/** Leaders of a unit: its own, else its parent's. */
async function unitLeaders(em: EntityManager, unitId: string, parentId: string | null): Promise<string[]> {
  const rows: { id: string; unit_id: string }[] = await em.query(
    `SELECT id, unit_id FROM person WHERE active AND 'leader' = ANY(roles) AND unit_id = ANY($1::uuid[]) ORDER BY id`,
    [[unitId, parentId].filter(Boolean)],
  );
  const own = rows.filter((r) => r.unit_id === unitId);
  return (own.length ? own : rows).map((r) => r.id);
}

/**
 * problem-chasing: 蓝 → a reminder to the unit; 黄 (overdue) → 催办 in the unit's group with an @ of
 * the handlers and a note to each cadre; 红 → 督办 to the unit's leaders and the leaders' group.
 * Messages are merged per target. Steps and messages commit together, so a crash mid-run leaves
 * nothing half done and the re-run sends exactly what is missing.
 */
export function problemChasingJob(deps: JobDeps): ScheduledJobHandler {
  return async (at) => {
    const today = dateOf(at);
    const cal = deps.calendar.current();
    if (!cal.isWorkday(today)) return { sent: 0, period: today, note: 'not a working day' };
    return runPeriod(deps, JOB, today, () =>
      deps.ds.transaction(async (em) => {
        const prefix = keyPrefix(JOB, today);
        const steps = await newSteps(em, await tieredProblems(em, today, cal, deps.tiers), at);
        const ln = (p: TieredProblem) => line(p, today, cal);
        const n = deps.notifier;

        const remind = (name: string | null, ps: TieredProblem[]) =>
          markdown(`到期提醒 · ${name}`, [
            `### 到期提醒 · ${name}`,
            '以下问题即将到期，请抓紧办理并答复企业：',
            ...ps.map(ln),
          ]);
        for (const [unitId, ps] of groupBy(
          steps.filter((p) => p.tier === 'blue'),
          (p) => p.unitId,
        )) {
          const key = `${prefix}remind-${unitId}`;
          if ((await n.toGroups(em, { purpose: 'unit', unitId }, key, remind(ps[0].unitName, ps))) > 0)
            continue;
          // A unit with no bound group: each handler gets their own problems.
          for (const [handlerId, own] of groupBy(ps, (p) => p.handlerId)) {
            await n.toPerson(em, handlerId, key, remind(ps[0].unitName, own));
          }
        }

        const urged = steps.filter((p) => p.tier === 'yellow');
        for (const [unitId, ps] of groupBy(urged, (p) => p.unitId)) {
          const wecom = [...new Set(ps.map((p) => p.handlerWecom).filter((v): v is string => !!v))];
          const mobiles = [...new Set(ps.map((p) => p.handlerMobile).filter((v): v is string => !!v))];
          await n.toGroups(em, { purpose: 'unit', unitId }, `${prefix}urge-${unitId}`, {
            ...markdown(`催办 · ${ps[0].unitName}`, [
              `### 催办 · ${ps[0].unitName}`,
              '以下问题已超过办理时限，请立即办理并答复企业：',
              ...ps.map(ln),
            ]),
            mentions: { userIds: wecom, mobiles },
          });
        }
        for (const [cadreId, ps] of groupBy(urged, (p) => p.cadreId)) {
          await n.toPerson(
            em,
            cadreId,
            `${prefix}urge-cadre`,
            markdown('催办通知', [
              '### 催办通知',
              '你包联企业的以下问题已超期，已向办理单位催办，请跟进：',
              ...ps.map((p) => `${ln(p)} · ${p.unitName ?? ''}`),
            ]),
          );
        }

        const supervised = steps.filter((p) => p.tier === 'red');
        for (const [unitId, ps] of groupBy(supervised, (p) => p.unitId)) {
          const payload = markdown(`督办 · ${ps[0].unitName}`, [
            `### 督办 · ${ps[0].unitName}`,
            '以下问题已严重超期或多次重办，请督促办理：',
            ...ps.map(ln),
          ]);
          for (const leaderId of await unitLeaders(em, unitId, ps[0].unitParentId)) {
            await n.toPerson(em, leaderId, `${prefix}supervise-${unitId}`, payload);
          }
        }
        if (supervised.length) {
          const lines = [...groupBy(supervised, (p) => p.unitId ?? '')].flatMap(([, ps]) => [
            `**${ps[0].unitName ?? '未交办'}**`,
            ...ps.map(ln),
          ]);
          await n.toGroups(
            em,
            { purpose: 'leaders' },
            `${prefix}supervise-leaders`,
            markdown('督办清单', ['### 督办清单', `${formatDateZh(today)}新进入红色预警的问题：`, ...lines]),
          );
        }
        return `${steps.length} new step(s): ${steps.length - urged.length - supervised.length} remind, ${urged.length} urge, ${supervised.length} supervise`;
      }),
    );
  };
}
