import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { Category, GroupChat, OutboundMessage, Person } from '../../../src/entities';
import { createRedis } from '../../../src/infra/redis';
import { OUTBOUND_QUEUE, type SendJobData } from '../../../src/outbox/outbound.queue';
import { OutboxRepository } from '../../../src/outbox/outbox.repository';
import { OutboxService } from '../../../src/outbox/outbox.service';
import { Sender } from '../../../src/outbox/sender';
import { Notifier } from '../../../src/services/notifier';
import { ProblemWorkflowService } from '../../../src/services/problem-workflow.service';
import { QualityCheckService } from '../../../src/services/quality-check.service';
import { setAccount } from '../../support/accounts';
import { TEST_REDIS_URL, testPrefix } from '../../support/env';
import { buildRosterWith, makeLedger, type Roster } from '../ledger/ledger-fixtures';
import { notifierPlatforms } from '../../support/platforms';

/** The ledger roster plus WeCom ids, keywords, and bound groups for 规划局, 资源局 and enterprise 甲. */
export function buildProblemRoster(ds: DataSource) {
  return buildRosterWith(ds, 'problem_roster', (r) => addProblemSetup(ds, r));
}

async function addProblemSetup(ds: DataSource, r: Roster) {
  for (const [key, person] of Object.entries(r.people)) {
    await setAccount(ds, person, 'wecom', `wx_${key}`);
    Object.assign(person, { wecomUserId: `wx_${key}` });
  }
  const people = r.people as Record<keyof Roster['people'], Person & { wecomUserId: string }>;
  const cats = ds.getRepository(Category);
  await cats.update(r.cat.planning.id, { keywords: ['规划许可', '容积率'] });
  await cats.update(r.cat.land.id, { keywords: ['用地', '土地指标', '征地'] });
  await cats.update(r.cat.assist.id, { keywords: ['帮办', '代为办理'] });
  const group = (chatId: string, fields: Partial<GroupChat>) =>
    ds.getRepository(GroupChat).save({
      platform: 'wecom',
      chatId,
      webhookUrl: `https://example.invalid/${chatId}`,
      ...fields,
    } as GroupChat);
  const groups = {
    planning: await group('g-planning', { purpose: 'unit', unitId: r.units.planning.id }),
    land: await group('g-land', { purpose: 'unit', unitId: r.units.land.id }),
    entA: await group('g-ent-a', { purpose: 'enterprise', enterpriseId: r.ent.a.id }),
  };
  return { ...r, people, groups };
}

export type ProblemRoster = Roster & Awaited<ReturnType<typeof buildProblemRoster>>;

/** A workflow on the real outbox (rows in PostgreSQL, jobs on a throw-away BullMQ prefix). */
export function makeWorkflow(ds: DataSource, qualityRate = 0) {
  const { ledger, clock, calendar } = makeLedger(ds);
  const redis = createRedis(TEST_REDIS_URL, 'worker');
  const prefix = `${testPrefix()}_pw${Math.random().toString(36).slice(2, 8)}`;
  const queue = new Queue<SendJobData>(OUTBOUND_QUEUE, { connection: redis, prefix });
  const outbox = new OutboxService(new OutboxRepository(ds), queue, clock);
  const sender = new Sender(outbox);
  const notifier = new Notifier(sender, notifierPlatforms({ wecomApp: true, dingtalk: false }));
  const quality = new QualityCheckService(notifier, qualityRate, clock);
  const workflow = new ProblemWorkflowService(ds, ledger, notifier, quality);
  const close = async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
  };
  return { workflow, ledger, clock, calendar, notifier, sender, quality, queue, redis, prefix, close };
}

/** The outbox rows, oldest first, as [target, title-or-text]. */
export async function outbound(ds: DataSource): Promise<OutboundMessage[]> {
  return ds.getRepository(OutboundMessage).find({ order: { id: 'ASC' } });
}

/** A payload's headline: the card title or the first text line. */
export function headline(m: OutboundMessage): string {
  const p = m.payload as { card?: { title: string }; text?: string };
  return p.card?.title ?? p.text?.split('\n')[0] ?? '';
}
