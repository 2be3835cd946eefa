import type { EntityManager } from 'typeorm';
import { DEFAULT_FOLLOW_UP } from '../../config';
import { type Delivery, DeliveryPlanner } from '../../services/delivery-plan';
import { directory } from '../../repositories/directory.repository';
import type { ScheduledJobHandler } from '../catalogue';
import { dateOf, formatDateZh, type IsoDate } from '../../lib/time';
import { groupBy } from '../../lib/collections';
import type { WorkdayCalendar } from '../../services/workday-calendar';
import { brief, markdown } from '../../services/leader/format';
import type { JobDeps } from './job-deps';
import { followUpAnswered } from './answered-follow-up';
import { keyPrefix, runPeriod } from './job-run';
import { chasePending } from './pending-chase';
import { type TieredProblem, tieredProblems } from '../../services/tiered-problems';
import { sendingTransaction } from '../../outbox/sender';

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

/**
 * problem-chasing: 蓝 → a reminder to the unit; 黄 (overdue) → 催办 to the unit with an @ of the
 * handlers and a note to each cadre; 红 → 督办 to the unit's leaders and the leaders' group. A unit
 * notice follows the unit's delivery plan (group → handlers → leaders → campaign office), and the
 * route is written on each step's event. Also: 待交办 problems are chased (pending-chase.ts), and
 * answered ones are reminded to rate and closed as 逾期未评价 (answered-follow-up.ts).
 * Messages are merged per target. Steps and messages commit together, so a crash mid-run leaves
 * nothing half done and the re-run sends exactly what is missing.
 */
export function problemChasingJob(deps: JobDeps): ScheduledJobHandler {
  return async (at) => {
    const today = dateOf(at);
    const cal = deps.calendar.current();
    if (!cal.isWorkday(today)) return { sent: 0, period: today, note: 'not a working day' };
    return runPeriod(deps, JOB, today, () =>
      sendingTransaction(deps.ds, async (em) => {
        const prefix = keyPrefix(JOB, today);
        const steps = await newSteps(
          em,
          await tieredProblems(
            em,
            today,
            cal,
            deps.tiers,
            undefined,
            // 催办 @-mentions handlers by their id in the first namespace only; the rest by mobile.
            deps.notifier.platforms.namespaces.slice(0, 1),
          ),
          at,
        );
        const ln = (p: TieredProblem) => line(p, today, cal);
        const n = deps.notifier;

        const plan = new DeliveryPlanner(n);
        const eventKey = (p: TieredProblem) => `${JOB}-${p.tier}-${p.id}-${p.dueOn}`;
        const record = (ps: TieredProblem[], d: Delivery) =>
          em.query(`UPDATE problem_event SET delivery = $2 WHERE idempotency_key = ANY($1::varchar[])`, [
            ps.map(eventKey),
            d.summary,
          ]);

        for (const [unitId, ps] of groupBy(
          steps.filter((p) => p.tier === 'blue'),
          (p) => p.unitId,
        )) {
          const payload = markdown(`到期提醒 · ${ps[0].unitName}`, [
            `### 到期提醒 · ${ps[0].unitName}`,
            '以下问题即将到期，请抓紧办理并答复企业：',
            ...ps.map(ln),
          ]);
          await record(
            ps,
            await plan.toUnit(em, unitId, ps[0].unitName, `${prefix}remind-${unitId}`, payload),
          );
        }

        const urged = steps.filter((p) => p.tier === 'yellow');
        for (const [unitId, ps] of groupBy(urged, (p) => p.unitId)) {
          const ids = [...new Set(ps.map((p) => p.handlerMentionId).filter((v): v is string => !!v))];
          const mobiles = [...new Set(ps.map((p) => p.handlerMobile).filter((v): v is string => !!v))];
          const payload = {
            ...markdown(`催办 · ${ps[0].unitName}`, [
              `### 催办 · ${ps[0].unitName}`,
              '以下问题已超过办理时限，请立即办理并答复企业：',
              ...ps.map(ln),
            ]),
            mentions: { userIds: ids, mobiles },
          };
          await record(ps, await plan.toUnit(em, unitId, ps[0].unitName, `${prefix}urge-${unitId}`, payload));
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
          const d = await plan.toPeople(
            em,
            `${prefix}supervise-${unitId}`,
            payload,
            'leaders',
            '单位领导',
            () => directory.leadersOver(em, unitId),
            `（${ps[0].unitName ?? '该单位'}及其上级无可联系的领导，转亲商助企办督办）`,
          );
          await record(ps, d);
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
        const pending = await chasePending(em, n, at, today, cal, prefix);
        const rating = await followUpAnswered(em, n, at, today, cal, deps.followUp ?? DEFAULT_FOLLOW_UP);
        return (
          `${steps.length} new step(s): ${steps.length - urged.length - supervised.length} remind, ` +
          `${urged.length} urge, ${supervised.length} supervise; ${pending} pending chased; ` +
          `${rating.reminded} rating reminder(s), ${rating.expired} closed unrated`
        );
      }),
    );
  };
}
