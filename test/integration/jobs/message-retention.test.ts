import type { DataSource } from 'typeorm';
import { messageRetentionJob } from '../../../src/jobs/handlers/message-retention.job';
import { MediaRepository } from '../../../src/repositories/media.repository';
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

  it('deletes attachments a day after their links expired, unless a message may still send them', async () => {
    // The job runs at 2026-11-20 03:30: links last 7 days, so media stored before 2026-11-12 03:30 may go.
    const media = async (name: string, createdAt: string) => {
      const [row]: { id: string }[] = await ds.query(
        `INSERT INTO media_asset (kind, filename, content_type, bytes, md5, created_at)
         VALUES ('image', $1, 'image/png', '\\x89504e47', 'x', $2) RETURNING id`,
        [name, bj(createdAt)],
      );
      return row.id;
    };
    const sending = async (key: string, mediaId: string, status: string, sentAt: string | null) => {
      await ds.query(
        `INSERT INTO outbound_message (idempotency_key, channel, target, payload, status, created_at, sent_at)
         VALUES ($1, 'dingtalk_robot', 'g', $2, $3, $4, $5)`,
        [
          key,
          {
            msgtype: 'markdown',
            markdown: { title: 't', text: 't' },
            attachments: [{ kind: 'image', mediaId, name: '图' }],
          },
          status,
          bj('2026-11-01T08:30:00'),
          sentAt ? bj(sentAt) : null,
        ],
      );
    };
    const expired = await media('expired', '2026-11-01T08:30:00');
    await sending('sent-long-ago', expired, 'sent', '2026-11-01T08:31:00');
    await media('never-sent', '2026-11-01T08:30:00');
    const recentLink = await media('sent-late', '2026-11-01T08:30:00');
    await sending('sent-late', recentLink, 'sent', '2026-11-15T09:00:00'); // retried: its link works until 11-22
    const failed = await media('failed', '2026-11-01T08:30:00');
    await sending('failed', failed, 'failed', null); // redrive --outbound may send it again
    const pending = await media('pending', '2026-11-01T08:30:00');
    await sending('pending', pending, 'pending', null);
    await media('fresh', '2026-11-14T08:30:00'); // its link may not be made yet
    await media('just-inside-the-margin', '2026-11-12T12:00:00');

    const result = await messageRetentionJob(h.deps, 90)(bj('2026-11-20T03:30:00'));
    expect(result.note).toContain('2 个链接已过期的图片和文件');
    expect(await left('media_asset', 'filename')).toEqual(
      expect.arrayContaining(['sent-late', 'failed', 'pending', 'fresh', 'just-inside-the-margin']),
    );
    expect(await left('media_asset', 'filename')).toHaveLength(5);
  });

  it('prunes attachments in batches', async () => {
    for (let i = 0; i < 5; i++) {
      await ds.query(
        `INSERT INTO media_asset (kind, filename, content_type, bytes, md5, created_at)
         VALUES ('file', $1, 'application/octet-stream', '\\x00', 'x', $2)`,
        [`old-${i}`, bj('2026-07-01T10:00:00')],
      );
    }
    expect(await new MediaRepository(ds).pruneUnused(bj('2026-08-01T00:00:00'), 2)).toBe(5);
    expect(await left('media_asset', 'filename')).toEqual([]);
  });
});
