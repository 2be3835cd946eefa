import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import express, { type Express } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config';
import { mountReceivers, RedisReplayGuard } from '../src/http/receivers';
import { RejectLog } from '../src/platforms/kit/reject-log';
import { readRawBody, bodyText } from '../src/platforms/kit/receiver-kit';
import { createRedis } from '../src/infra/redis';
import { IntakeService } from '../src/intake/intake.service';
import { systemClock } from '../src/lib/clock';
import { createLogger } from '../src/lib/logger';
import { callbackUrl, type CallbackRequest } from '../test/support/callbacks/callback-request';
import { openWecomEnvelope } from '../src/platforms/wecom/wecom-crypto';
import { parseWecomAppEnvelope } from '../src/platforms/wecom-app/wecom-app.parser';
import {
  buildWecomAppTextCallback,
  randomWecomMsgId,
} from '../test/support/callbacks/wecom-callback.builder';
import { withThrowawayDatabase } from './bench-kit';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 20;

const WECOM = {
  WECOM_CORP_ID: 'wwbench000000001',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'bench',
  WECOM_TOKEN: 'benchToken',
  WECOM_ENCODING_AES_KEY: 'BenchBenchBenchBenchBenchBenchBench01234567',
};

interface Result {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function listen(app: Express): Promise<{ server: Server; base: string }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Distinct, correctly signed and encrypted messages, made before the clock starts. */
function makeRequests(n: number): CallbackRequest[] {
  const config = loadConfig(WECOM).wecom!;
  return Array.from({ length: n }, (_, i) =>
    buildWecomAppTextCallback(config, {
      userId: `bench${i % 500}`,
      text: '登记走访 曲江文旅 昨天 上门 了解用工情况',
      msgId: randomWecomMsgId(),
      now: new Date(),
    }),
  );
}

async function load(label: string, base: string, requests: CallbackRequest[]): Promise<Result> {
  let i = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        setupRequest: (req) => {
          const r = requests[i++ % requests.length];
          return { ...req, method: 'POST', path: callbackUrl('', r), headers: r.headers, body: r.body };
        },
      },
    ],
  });
  return {
    label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * Issue 3's benchmark: the whole acknowledgement path (verify, decrypt, parse, store, enqueue)
 * against a bare express route that only verifies and decrypts, in the same run and process.
 */
export async function benchAckPath(): Promise<void> {
  await withThrowawayDatabase('ack', (ds, dbName) => runAckPath(ds, `bench_${dbName}`));
}

async function runAckPath(ds: DataSource, prefix: string): Promise<void> {
  const redis = createRedis(REDIS_URL, 'producer');
  const queue = new Queue('inbound', { connection: redis, prefix });
  const servers: Server[] = [];
  try {
    const config = loadConfig({ ...WECOM, CALLBACK_MAX_SKEW_SECONDS: '0' });
    const logger = createLogger('silent');

    const bare = express();
    const keys = {
      token: WECOM.WECOM_TOKEN,
      encodingAesKey: WECOM.WECOM_ENCODING_AES_KEY,
      receiveId: WECOM.WECOM_CORP_ID,
    };
    const replay = new RedisReplayGuard(redis, prefix);
    const kit = { config, clock: systemClock, logger, replay, rejects: new RejectLog(logger, systemClock) };
    bare.post(
      '/wecom/callback',
      readRawBody('/wecom/callback', { ...kit, intake: async () => {} }),
      (req, res) => {
        const envelope = parseWecomAppEnvelope(bodyText(req));
        if (!envelope.ok) return void res.status(400).end();
        const q = req.query as Record<string, string>;
        const opened = openWecomEnvelope(keys, {
          signature: q.msg_signature,
          timestamp: q.timestamp,
          nonce: q.nonce,
          encrypt: envelope.value.encrypt,
        });
        res.status(opened.ok ? 200 : 400).end();
      },
    );

    const full = express();
    const intake = new IntakeService(ds, queue, logger);
    mountReceivers(full, {
      ...kit,
      intake: async (m) => void (await intake.accept(m)),
    });

    const a = await listen(bare);
    const b = await listen(full);
    servers.push(a.server, b.server);
    const requests = makeRequests(Math.ceil(DURATION_S * 4000));

    console.log(`\n== ack path (issue 3): ${CONNECTIONS} connections, ${DURATION_S} s each ==`);
    const r1 = await load('bare verify+decrypt', a.base, requests);
    const r2 = await load('full ack: verify, decrypt, parse, store, enqueue', b.base, requests);
    for (const r of [r1, r2]) {
      console.log(
        `${r.label.padEnd(50)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms` +
          `  non-2xx ${r.non2xx}  errors ${r.errors}`,
      );
    }
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM inbound_message`);
    console.log(`full/bare throughput ratio ${(r2.rps / r1.rps).toFixed(3)}; rows stored ${n}`);
  } finally {
    for (const s of servers) s.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    redis.disconnect();
  }
}

if (require.main === module) {
  benchAckPath().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
