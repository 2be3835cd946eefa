import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { Enterprise, Pairing, type Person } from '../../../src/entities';
import type { VisitMethod } from '../../../src/entities/enums';
import { createRedis } from '../../../src/infra/redis';
import type { JobDeps } from '../../../src/jobs/handlers/job-deps';
import { FixedClock } from '../../../src/lib/clock';
import { withCheckChar } from '../../../src/lib/credit-code';
import type { OutboundPayload } from '../../../src/outbox/outbound-payload';
import type { SendJobData } from '../../../src/outbox/outbound.queue';
import { OUTBOUND_QUEUE } from '../../../src/outbox/outbound.queue';
import { OutboxRepository } from '../../../src/outbox/outbox.repository';
import { OutboxService } from '../../../src/outbox/outbox.service';
import { Sender } from '../../../src/outbox/sender';
import { officialCalendar } from '../../../src/services/calendar-official';
import { Notifier } from '../../../src/services/notifier';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';
import { buildRosterWith, makeLedger, problemIn, type Roster, START, TIERS } from '../ledger/ledger-fixtures';
import { notifierPlatforms } from '../../support/platforms';

/** A Sender whose process "dies" (throws) once it has stored `limit` messages. */
export class CrashingSender extends Sender {
  private stored = 0;
  limit = Infinity;

  override async send(...args: Parameters<Sender['send']>): Promise<string> {
    if (this.stored >= this.limit) throw new Error('worker killed');
    this.stored++;
    return super.send(...args);
  }

  /** Bulk sends die the same way: the rows before the limit are stored, then it throws. */
  override async sendMany(...[manager, messages]: Parameters<Sender['sendMany']>): Promise<number> {
    const room = Math.max(0, this.limit - this.stored);
    if (messages.length <= room) {
      this.stored += messages.length;
      return super.sendMany(manager, messages);
    }
    this.stored += room;
    await super.sendMany(manager, messages.slice(0, room));
    throw new Error('worker killed');
  }
}

/** An outbox row as the tests read it. */
export interface StoredMessage {
  key: string;
  channel: string;
  target: string;
  payload: OutboundPayload;
}

/** Job deps on the test database: real outbox (a BullMQ queue of its own, no worker), official calendar. */
export async function jobHarness(ds: DataSource) {
  const redis: Redis = createRedis(TEST_REDIS_URL, 'producer');
  const prefix = `${testPrefix()}_jobs_${Math.random().toString(36).slice(2, 8)}`;
  const queue = new Queue<SendJobData>(OUTBOUND_QUEUE, { connection: redis, prefix });
  const outbox = new OutboxService(new OutboxRepository(ds), queue);
  const sender = new CrashingSender(outbox);
  const calendar = officialCalendar();
  const clock = new FixedClock(new Date('2026-11-20T02:00:00Z'));
  const deps: JobDeps = {
    ds,
    calendar: { current: () => calendar },
    notifier: new Notifier(sender, notifierPlatforms({ wecomApp: true, dingtalk: true })),
    tiers: TIERS,
    clock,
  };
  const messages = async (like = '%'): Promise<StoredMessage[]> =>
    (
      await ds.query(
        `SELECT idempotency_key AS key, channel, target, payload FROM outbound_message
         WHERE idempotency_key LIKE $1 ORDER BY id`,
        [like],
      )
    ).map((r: StoredMessage) => r);
  return {
    deps,
    sender,
    calendar,
    clock,
    messages,
    close: async () => {
      await queue.obliterate({ force: true });
      await queue.close();
      redis.disconnect();
    },
  };
}

/** The ledger roster plus WeCom ids for everyone and bound groups: 雁塔区, 碑林区, 市规划局 and the leaders'. */
export function jobRoster(ds: DataSource): Promise<
  Roster & {
    people: Record<keyof Roster['people'], Person & { wecomUserId: string }>;
    groups: Record<string, string>;
  }
> {
  return buildRosterWith(ds, 'job_roster', (r) => addJobAccounts(ds, r));
}

async function addJobAccounts(ds: DataSource, r: Roster) {
  await ds.query(
    `INSERT INTO person_account (person_id, platform, account_id) SELECT id, 'wecom', 'u-' || mobile FROM person`,
  );
  const people = Object.fromEntries(
    Object.entries(r.people).map(([k, p]) => [k, Object.assign(p, { wecomUserId: `u-${p.mobile}` })]),
  ) as Record<keyof Roster['people'], Person & { wecomUserId: string }>;
  const group = async (chatId: string, purpose: string, unitId: string | null) => {
    const [row] = await ds.query(
      `INSERT INTO group_chat (platform, chat_id, purpose, unit_id, webhook_url)
       VALUES ('wecom', $1, $2, $3, $4) RETURNING id`,
      [chatId, purpose, unitId, `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${chatId}`],
    );
    return row.id as string;
  };
  const groups = {
    yanta: await group('g-yanta', 'district', r.units.yanta.id),
    beilin: await group('g-beilin', 'district', r.units.beilin.id),
    planning: await group('g-planning', 'unit', r.units.planning.id),
    leaders: await group('g-leaders', 'leaders', null),
  };
  return { ...r, people, groups };
}

let firmSeq = 100;

/** More enterprises for cadre A in 雁塔区, paired since January. */
export async function moreFirms(
  ds: DataSource,
  r: Roster,
  count: number,
  name = (i: number) => `雁塔测试企业${i}有限公司`,
) {
  const firms: Enterprise[] = [];
  for (let i = 0; i < count; i++) {
    const e = await ds.getRepository(Enterprise).save({
      name: name(i),
      creditCode: withCheckChar(`91610113MA${String(++firmSeq).padStart(7, '0')}`),
      districtId: r.units.yanta.id,
    });
    await ds.getRepository(Pairing).insert({
      cadreId: r.people.cadreA.id,
      enterpriseId: e.id,
      startedAt: new Date('2026-01-01T00:00:00Z'),
    });
    firms.push(e);
  }
  return firms;
}

/** Inserts contacts of a cadre with a firm on Beijing dates. */
export async function visit(
  ds: DataSource,
  cadreId: string,
  enterpriseId: string,
  dates: string[],
  method: VisitMethod = 'onsite',
): Promise<void> {
  for (const d of dates) {
    await ds.query(
      `INSERT INTO visit (cadre_id, enterprise_id, visited_on, method) VALUES ($1, $2, $3, $4)`,
      [cadreId, enterpriseId, d, method],
    );
  }
}

/** Beijing wall time → instant. */
export const bj = (local: string) => new Date(`${local}+08:00`);

export type JobHarness = Awaited<ReturnType<typeof jobHarness>>;
export type JobRoster = Awaited<ReturnType<typeof jobRoster>>;

/**
 * Registers the file's hooks: before each test the database is emptied and a job harness and the job
 * roster made (`bind` receives them), then `setup` runs; the harness closes after each test.
 */
export function useJobs(
  bind: (f: { ds: DataSource; h: JobHarness; r: JobRoster }) => void,
  setup?: () => Promise<void>,
): void {
  let ds: DataSource;
  let h: JobHarness | undefined;
  beforeAll(async () => {
    ds = await testDataSource();
  });
  beforeEach(async () => {
    await truncateAll(ds);
    h = await jobHarness(ds);
    bind({ ds, h, r: await jobRoster(ds) });
    await setup?.();
  });
  afterEach(() => h?.close());
  afterAll(closeTestDataSource);
}

/**
 * A problem of 甲 (雁塔区) in 规划 (led by 市规划局, 5 working days), reported and accepted on Friday
 * 2026-11-20 (START): due Friday 2026-11-27. Returns its code.
 */
export function acceptedProblem(ds: DataSource, r: Roster): Promise<string> {
  const { ledger } = makeLedger(ds, new FixedClock(new Date(START)));
  return problemIn(ledger, r, 'accepted');
}
