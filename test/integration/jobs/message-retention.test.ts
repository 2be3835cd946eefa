import type { DataSource } from 'typeorm';
import { messageRetentionJob } from '../../../src/jobs/handlers/message-retention.job';
import { RetentionRepository } from '../../../src/repositories/retention.repository';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { bj, jobHarness } from './jobs-fixtures';

let ds: DataSource;
let h: Awaited<ReturnType<typeof jobHarness>>;

beforeAll(async () => {
  ds = await testDataSource();
});
beforeEach(async () => {
  await truncateAll(ds);
  h = await jobHarness(ds);
});
afterEach(() => h.close());
afterAll(() => closeTestDataSource());

async function inbound(id: string, receivedAt: string, handled: boolean) {
  await ds.query(
    `INSERT INTO inbound_message (platform, message_id, payload, received_at, handled_at)
     VALUES ('wecom', $1, '{}', $2, $3)`,
    [id, bj(receivedAt), handled ? bj(receivedAt) : null],
  );
}
async function outbound(key: string, createdAt: string, status: string) {
  await ds.query(
    `INSERT INTO outbound_message (idempotency_key, channel, target, payload, status, created_at)
     VALUES ($1, 'wecom_app', 'u', '{}', $2, $3)`,
    [key, status, bj(createdAt)],
  );
}
const left = async (table: string, column: string) =>
  ((await ds.query(`SELECT ${column} AS k FROM ${table} ORDER BY id`)) as { k: string }[]).map((r) => r.k);

describe('message-retention', () => {
  it('deletes finished rows older than the retention and keeps anything still waiting', async () => {
    await inbound('old-handled', '2026-08-01T10:00:00', true);
    await inbound('old-unhandled', '2026-08-01T10:00:00', false);
    await inbound('recent', '2026-11-01T10:00:00', true);
    await outbound('old-sent', '2026-08-01T10:00:00', 'sent');
    await outbound('old-failed', '2026-08-02T10:00:00', 'failed');
    await outbound('old-pending', '2026-08-01T10:00:00', 'pending');
    await outbound('recent-sent', '2026-11-01T10:00:00', 'sent');

    const run = messageRetentionJob(h.deps, 90);
    const result = await run(bj('2026-11-20T03:30:00'));
    expect(result.note).toContain('删除 1 条收到的消息、2 条已发送的消息');
    expect(await left('inbound_message', 'message_id')).toEqual(['old-unhandled', 'recent']);
    expect(await left('outbound_message', 'idempotency_key')).toEqual(['old-pending', 'recent-sent']);
    // A second run the same day does nothing more.
    expect((await run(bj('2026-11-20T09:00:00'))).note).toBe('already ran for this period');
  });

  it('works in batches until nothing old is left', async () => {
    for (let i = 0; i < 7; i++) await outbound(`old-${i}`, '2026-07-01T10:00:00', 'sent');
    const counts = await new RetentionRepository(ds).prune(bj('2026-08-01T00:00:00'), 3);
    expect(counts).toEqual({ inbound: 0, outbound: 7 });
  });
});
