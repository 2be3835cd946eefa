import type { DataSource } from 'typeorm';
import type { OutboundPayload } from '../outbox/outbound-payload';
import { holdMessages } from '../outbox/sender';
import type { GroupMessage, ItemOutcome, Notifier, PersonMessage } from '../services/notifier';
import type { ScheduledJobHandler, ScheduledJobName } from './catalogue';
import type { JobDeps } from './handlers/job-deps';

/** One message a job would send: where, to whom (resolved to a name where we can), what. */
export interface PlannedMessage {
  channel: string;
  target: string;
  to: string;
  title: string;
}

/** What a dry run found: every message it would queue and every target it could not reach. */
export interface JobPlan {
  name: ScheduledJobName;
  result: Awaited<ReturnType<ScheduledJobHandler>>;
  messages: PlannedMessage[];
  unreachable: string[];
  /** Deliveries tried (persons and groups) and how many found a route. */
  attempts: number;
  reached: number;
}

/** A job that tried to reach people and reached none: it fails, and its period stays open. */
export class NoReachableTargetError extends Error {
  constructor(
    readonly job: ScheduledJobName,
    readonly plan: JobPlan,
  ) {
    super(
      `${job} for ${plan.result.period}: none of its ${plan.attempts} target(s) is reachable ` +
        `(${plan.unreachable.slice(0, 5).join('; ')}${plan.unreachable.length > 5 ? '; …' : ''}). ` +
        'Nothing was sent or recorded and the period stays open: give them accounts or bind groups ' +
        '(`npm run doctor` lists what is missing), then run the job again.',
    );
    this.name = 'NoReachableTargetError';
  }
}

type Miss = { method: string; args: unknown[] };
type Tally = { attempts: number; reached: number; misses: Miss[]; stopAtFirstReach: boolean };

/** Thrown by the counting notifier to end a probe at its first reachable target (nothing more to learn). */
class Reachable extends Error {}

/** Bulk deliveries, counted per item as the single delivery named (so each miss is one line). */
const BULK: Record<string, { single: 'toPerson' | 'toGroups'; recipient: (item: never) => unknown }> = {
  toPeopleMany: { single: 'toPerson', recipient: (item: PersonMessage) => item.personId },
  toGroupsMany: { single: 'toGroups', recipient: (item: GroupMessage) => item.target },
};

/**
 * Wraps the notifier to count deliveries: a method answering `false` or `0` found no route, `true` or
 * a positive count found one; a bulk method counts each of its items, told by its outcome callback.
 * A Proxy rather than a subclass, so delivery methods added later are counted too.
 */
function countingNotifier(notifier: Notifier, tally: Tally) {
  return new Proxy(notifier, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'constructor') return value;
      const bulk = typeof prop === 'string' ? BULK[prop] : undefined;
      if (bulk) {
        return async (manager: unknown, items: never[]) => {
          let reached = 0;
          const outcome: ItemOutcome = (i, ok) => {
            tally.attempts++;
            if (ok) reached++;
            else tally.misses.push({ method: bulk.single, args: [manager, bulk.recipient(items[i])] });
          };
          const fn = value as (m: unknown, items: never[], outcome: ItemOutcome) => Promise<unknown>;
          const out = await fn.apply(receiver, [manager, items, outcome]);
          tally.reached += reached;
          if (reached && tally.stopAtFirstReach) throw new Reachable();
          return out;
        };
      }
      return async (...args: unknown[]) => {
        const out: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(receiver, args);
        if (typeof out === 'boolean' || typeof out === 'number') {
          tally.attempts++;
          if (out) tally.reached++;
          else tally.misses.push({ method: String(prop), args });
          if (out && tally.stopAtFirstReach) throw new Reachable();
        }
        return out;
      };
    },
  });
}

/**
 * Runs the job inside a transaction that is always rolled back: nothing is sent (its messages are
 * held, `holdMessages`, and discarded) and nothing is recorded (job_run, problem events). Returns the
 * messages the run wrote before the rollback and the targets it could not reach.
 */
export async function planJob(
  name: ScheduledJobName,
  make: (deps: JobDeps) => ScheduledJobHandler,
  deps: JobDeps,
  at: Date,
  { stopAtFirstReach = false } = {},
): Promise<JobPlan> {
  const runner = deps.ds.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  // The messages the run writes wait for a commit that never comes: none reaches the queue.
  const held = holdMessages(runner);
  const tally: Tally = { attempts: 0, reached: 0, misses: [], stopAtFirstReach };
  try {
    // runner.manager is bound to this runner, so its typed query runs in the same transaction.
    const [{ last }] = await runner.manager.query<{ last: string }[]>(
      `SELECT coalesce(max(id), 0)::text AS last FROM outbound_message`,
    );
    // The handlers take a DataSource; an EntityManager bound to one query runner answers the same
    // calls (query, transaction — nested ones become savepoints, getRepository) inside our transaction,
    // and `ds.manager` is that EntityManager itself.
    const em = runner.manager;
    const ds = new Proxy(em, {
      get: (target, prop): unknown => (prop === 'manager' ? target : Reflect.get(target, prop, target)),
    }) as unknown as DataSource;
    let result: JobPlan['result'];
    try {
      result = await make({ ...deps, ds, notifier: countingNotifier(deps.notifier, tally) })(at);
    } catch (err) {
      if (!(err instanceof Reachable)) throw err;
      return {
        name,
        result: { sent: 0, period: '' },
        messages: [],
        unreachable: [],
        attempts: tally.attempts,
        reached: tally.reached,
      };
    }
    const rows = await runner.manager.query<
      { channel: string; target: string; payload: OutboundPayload; to: string | null }[]
    >(
      `SELECT m.channel, m.target, m.payload,
                coalesce(p.name, b.name, g.purpose || ' 群 ' || g.chat_id) AS "to"
         FROM outbound_message m
         LEFT JOIN person p ON p.id = (SELECT a.person_id FROM person_account a WHERE a.account_id = m.target LIMIT 1)
         LEFT JOIN account_binding ab ON p.id IS NULL AND ab.external_user_id = m.target
         LEFT JOIN person b ON b.id = ab.person_id
         LEFT JOIN group_chat g ON p.id IS NULL AND b.id IS NULL AND g.id::text = m.target
         WHERE m.id > $1 ORDER BY m.id`,
      [last],
    );
    const messages = rows.map((r) => ({
      channel: r.channel,
      target: r.target,
      to: r.to ?? r.target,
      title: r.payload.markdown?.title ?? r.payload.card?.title ?? (r.payload.text ?? '').slice(0, 30),
    }));
    const unreachable = await describeMisses(runner.manager as unknown as DataSource, tally.misses);
    return { name, result, messages, unreachable, attempts: tally.attempts, reached: tally.reached };
  } finally {
    held.discard();
    await runner.rollbackTransaction();
    await runner.release();
  }
}

async function describeMisses(ds: DataSource, misses: Miss[]): Promise<string[]> {
  const personIds = misses.filter((m) => m.method === 'toPerson').map((m) => String(m.args[1]));
  const names = new Map<string, string>(
    personIds.length
      ? (
          await ds.query<{ id: string; name: string; mobile: string }[]>(
            `SELECT id, name, mobile FROM person WHERE id = ANY($1::uuid[])`,
            [personIds],
          )
        ).map((r): [string, string] => [r.id, `${r.name}（${r.mobile}）无可用账号`])
      : [],
  );
  return misses.map((m) => {
    if (m.method === 'toPerson')
      return names.get(String(m.args[1])) ?? `人员 ${String(m.args[1])} 已停用或不存在`;
    if (m.method === 'toGroups') return `未绑定带机器人的群：${JSON.stringify(m.args[1])}`;
    return `${m.method} 无可用路线`;
  });
}

/**
 * The handler the workers and `npm run job` run: a probe first (a dry run, rolled back, that stops at
 * the first reachable target, so it costs little when the roster is sound); when the job tried to
 * reach someone and reached nobody it fails loudly instead of recording its period as done;
 * otherwise the real run.
 */
export function guardedJob(
  name: ScheduledJobName,
  make: (deps: JobDeps) => ScheduledJobHandler,
  deps: JobDeps,
): ScheduledJobHandler {
  const real = make(deps);
  return async (at) => {
    const plan = await planJob(name, make, deps, at, { stopAtFirstReach: true });
    if (plan.attempts > 0 && plan.reached === 0) {
      const err = new NoReachableTargetError(name, plan);
      deps.logger?.error(
        { job: name, period: plan.result.period, unreachable: plan.unreachable.length },
        err.message,
      );
      throw err;
    }
    return real(at);
  };
}
