import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { tierChart } from '../../../src/charts/leader-charts';
import { mountMedia } from '../../../src/http/media.route';
import { systemClock } from '../../../src/lib/clock';
import type { MediaAccess } from '../../../src/platforms/adapter';
import { PermanentError } from '../../../src/lib/errors';
import { signedMediaUrl } from '../../../src/media/media-url';
import { ChannelRouter } from '../../../src/outbox/channel-router';
import type { OutboundPayload } from '../../../src/outbox/outbound-payload';
import type { OutboxRow } from '../../../src/outbox/outbox.repository';
import { PlatformError } from '../../../src/platforms/kit/http';
import { WecomWebhookClient } from '../../../src/platforms/wecom/wecom-webhook.client';
import { MediaRepository } from '../../../src/repositories/media.repository';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { outboundHarness } from './harness';
import { testPlatforms, WECOM_APP_STUB } from '../../support/platforms';

const SECRET = 'test-media-secret-0123456789';
let ds: DataSource;
let h: Awaited<ReturnType<typeof outboundHarness>>;
let media: MediaRepository;
let server: Server;
let base: string;
let router: ChannelRouter;
let imageId: string;
let fileId: string;
let png: Buffer;

beforeAll(async () => {
  ds = await testDataSource();
  media = new MediaRepository(ds);
  const app = express();
  mountMedia(app, { media, secret: SECRET, clock: systemClock });
  await new Promise<void>((resolve) => (server = app.listen(0, '127.0.0.1', () => resolve())));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // One chart for the file (rendering it is the slow part of the setup; the tests only read its bytes).
  png = (await tierChart('在办问题分级', { normal: 3, blue: 1, yellow: 1, red: 2 })).png;
});
beforeEach(async () => {
  await truncateAll(ds);
  h = await outboundHarness(ds);
  h.dingtalk.fetchPictures = true;
  imageId = await media.save(ds, {
    kind: 'image',
    filename: '问题分级.png',
    contentType: 'image/png',
    bytes: png,
  });
  fileId = await media.save(ds, {
    kind: 'file',
    filename: '11月通报.xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: Buffer.from('PK\u0003\u0004 a workbook, as far as the platforms care'),
  });
  router = routerWith(SECRET);
});
afterEach(() => h.close());
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await closeTestDataSource();
});

/** The registry's adapters on the fakes, with attachments read from media_asset and signed with `secret`. */
function routerWith(secret: string): ChannelRouter {
  const access: MediaAccess = {
    find: (id) => media.find(id),
    url: (id) => signedMediaUrl(base, secret, id, Date.now()),
  };
  return new ChannelRouter(
    testPlatforms({
      wecom: { ...WECOM_APP_STUB, corpId: h.wecom.corpId, agentId: '1000002', secret: h.wecom.secret },
      dingtalk: { appKey: h.dingtalk.appKey, appSecret: h.dingtalk.appSecret },
      wecomApiBase: h.wecom.url,
      dingtalkApiBase: h.dingtalk.url,
      dingtalkOapiBase: h.dingtalk.url,
      redis: h.redis,
      prefix: h.prefix,
      robots: {
        findRobot: (id) => h.repo.findRobot(id),
        robotOfChat: (platform, chatId) => h.repo.robotOfChat(platform, chatId),
      },
    }),
    systemClock,
    access,
  );
}

const payload = (): OutboundPayload => ({
  msgtype: 'markdown',
  markdown: { title: '每周简报', text: '### 每周简报\n响应率 80%' },
  attachments: [
    { kind: 'image', mediaId: imageId, name: '在办问题分级' },
    { kind: 'file', mediaId: fileId, name: '11月通报.xlsx' },
  ],
});

const row = (channel: OutboxRow['channel'], target: string, p: OutboundPayload = payload()): OutboxRow => ({
  id: '1',
  idempotencyKey: `k-${channel}`,
  channel,
  target,
  payload: p,
  status: 'pending',
  attempts: 0,
  partsSent: 0,
});

async function send(r: OutboxRow): Promise<void> {
  const plan = await router.plan(r);
  for (const part of plan.parts) await part();
}

async function robotGroup(platform: string, url: string, secret: string | null = null): Promise<string> {
  const [g] = await ds.query(
    `INSERT INTO group_chat (platform, chat_id, purpose, webhook_url, webhook_secret)
     VALUES ($1, $2, 'leaders', $3, $4) RETURNING id`,
    [platform, `chat-${platform}`, url, secret],
  );
  return g.id as string;
}

describe('attachments on WeCom', () => {
  it('the app uploads each to media/upload and sends its media_id after the text', async () => {
    await send(row('wecom_app', 'leader1'));
    expect(h.wecom.rejected).toEqual([]);
    expect(h.wecom.sent.map((s) => s.api)).toEqual([
      'message/send',
      'media/upload',
      'message/send',
      'media/upload',
      'message/send',
    ]);
    const [, up1, img, up2, file] = h.wecom.sent;
    expect(up1.body).toMatchObject({ type: 'image', filename: '问题分级.png', size: png.length });
    expect(img.body).toMatchObject({
      msgtype: 'image',
      touser: 'leader1',
      image: { media_id: up1.body.media_id },
    });
    expect(up2.body).toMatchObject({ type: 'file', filename: '11月通报.xlsx' });
    expect(file.body).toMatchObject({ msgtype: 'file', file: { media_id: up2.body.media_id } });
    expect(h.wecom.media.get(String(up1.body.media_id))?.bytes.equals(png)).toBe(true);
  });

  it('a group robot takes the image as base64 + md5 and the file through upload_media', async () => {
    const group = await robotGroup('wecom', h.wecom.webhookUrl());
    await send(row('wecom_webhook', group));
    expect(h.wecom.rejected).toEqual([]);
    expect(h.wecom.sent.map((s) => [s.api, s.body.msgtype ?? s.body.type])).toEqual([
      ['webhook/send', 'markdown'],
      ['webhook/send', 'image'],
      ['webhook/upload_media', 'file'],
      ['webhook/send', 'file'],
    ]);
    const image = h.wecom.sent[1].body.image as { base64: string };
    expect(Buffer.from(image.base64, 'base64').equals(png)).toBe(true);
  });

  it('the real limits hold: > 2 MB to a group robot is refused before sending, and by the fake', async () => {
    const big = Buffer.concat([png.subarray(0, 8), Buffer.alloc(2 * 1024 * 1024)]);
    const bigId = await media.save(ds, {
      kind: 'image',
      filename: 'big.png',
      contentType: 'image/png',
      bytes: big,
    });
    const group = await robotGroup('wecom', h.wecom.webhookUrl());
    const r = row('wecom_webhook', group, {
      msgtype: 'text',
      text: '图',
      attachments: [{ kind: 'image', mediaId: bigId, name: '大图' }],
    });
    const plan = await router.plan(r);
    await plan.parts[0]();
    await expect(plan.parts[1]()).rejects.toMatchObject({ code: 'outbox_media_size' });
    await expect(plan.parts[1]()).rejects.toBeInstanceOf(PermanentError);
    const direct = await new WecomWebhookClient({ apiBase: h.wecom.url })
      .sendImage(h.wecom.webhookUrl(), big)
      .catch((e: unknown) => e);
    expect(direct).toBeInstanceOf(PlatformError);
    expect(direct).toMatchObject({ errcode: '40009' });
  });

  it('the fake refuses what WeCom refuses: a non-image as image, tiny files, unknown media ids', async () => {
    await expect(
      h.wecomApp.uploadMedia('image', Buffer.from('not a picture at all'), 'x.png', 'image/png'),
    ).rejects.toMatchObject({
      errcode: '40005',
    });
    await expect(
      h.wecomApp.uploadMedia('file', Buffer.from('tiny'), 'x.txt', 'text/plain'),
    ).rejects.toMatchObject({
      errcode: '40006',
    });
    await expect(
      h.wecomApp.send('leader1', { msgtype: 'image', image: { media_id: 'nope' } }),
    ).rejects.toMatchObject({
      errcode: '40007',
    });
  });

  it('a 智能机器人 answer keeps its single markdown; the picture goes to the group robot', async () => {
    const group = await robotGroup('wecom', h.wecom.webhookUrl());
    const url = h.wecom.issueBotResponseUrl();
    await send(
      row('wecom_bot_response', url, {
        ...payload(),
        attachments: [{ kind: 'image', mediaId: imageId, name: '图' }],
        botFallback: { expiresAt: Date.now() + 3_600_000, groupChatId: group, userId: 'leader1' },
      }),
    );
    expect(h.wecom.sent.map((s) => [s.api, s.body.msgtype])).toEqual([
      ['aibot/response', 'markdown'],
      ['webhook/send', 'image'],
    ]);
  });
});

describe('attachments on DingTalk', () => {
  it('a custom robot shows the picture from the signed URL, which DingTalk can fetch', async () => {
    const robot = h.dingtalk.addRobot();
    const group = await robotGroup('dingtalk', robot.url, robot.secret);
    await send(row('dingtalk_robot', group));
    expect(h.dingtalk.rejected).toEqual([]);
    const texts = h.dingtalk.sent.map((s) => (s.body.markdown as { text: string }).text);
    expect(texts[1]).toMatch(
      /^!\[在办问题分级\]\(http:\/\/127\.0\.0\.1:\d+\/media\/[0-9a-f-]+\?expires=\d+&sig=/,
    );
    expect(texts[2]).toContain('11月通报.xlsx');
    expect(h.dingtalk.pictures).toEqual([
      expect.objectContaining({ status: 200, contentType: 'image/png', bytes: png.length }),
    ]);
  });

  it('1:1 through the OpenAPI: markdown with the picture, which DingTalk fetches', async () => {
    await send(row('dingtalk_api_user', 'staff1'));
    expect(h.dingtalk.rejected).toEqual([]);
    expect(h.dingtalk.sent.map((s) => s.body.msgKey)).toEqual([
      'sampleMarkdown',
      'sampleMarkdown',
      'sampleMarkdown',
    ]);
    expect(h.dingtalk.pictures).toHaveLength(1);
  });

  it('refuses a picture that does not load (a tampered signature answers 403)', async () => {
    const tampering = routerWith('another-secret-0123456789');
    const plan = await tampering.plan(row('dingtalk_api_user', 'staff1'));
    await plan.parts[0]();
    await expect(plan.parts[1]()).rejects.toBeInstanceOf(PlatformError);
    expect(h.dingtalk.pictures[0]).toMatchObject({ status: 403 });
  });
});

describe('GET /media/:id', () => {
  it('serves a signed, unexpired URL and refuses the rest', async () => {
    const good = signedMediaUrl(base, SECRET, imageId, Date.now());
    const ok = await fetch(good);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await ok.arrayBuffer()).equals(png)).toBe(true);
    const expired = signedMediaUrl(base, SECRET, imageId, Date.now() - 8 * 24 * 3_600_000);
    expect((await fetch(expired)).status).toBe(403);
    expect((await fetch(good.replace(/sig=./, 'sig=A'))).status).toBe(403);
    expect((await fetch(`${base}/media/${imageId}`)).status).toBe(403);
    const unknown = signedMediaUrl(base, SECRET, '00000000-0000-4000-8000-000000000000', Date.now());
    expect((await fetch(unknown)).status).toBe(404);
    const file = await fetch(signedMediaUrl(base, SECRET, fileId, Date.now()));
    expect(file.headers.get('content-disposition')).toContain("attachment; filename*=UTF-8''11%E6%9C%88");
  });
});
