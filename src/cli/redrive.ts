import 'reflect-metadata';
import 'dotenv/config';
import type { Queue } from 'bullmq';
import { buildContainer } from '../app/container';
import { loadConfig } from '../config';
import { systemClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import type { SendJobData } from '../outbox/outbound.queue';
import { OutboxRepository } from '../outbox/outbox.repository';
import { OutboxService } from '../outbox/outbox.service';

const USAGE = `npm run redrive                 list dead messages and failed sends, re-drive the dead messages
npm run redrive -- --list       only list
npm run redrive -- --outbound   also re-send the failed sends (after fixing what refused them)
npm run redrive -- --id 42      only these rows (repeat --id; with --outbound, outbound row ids)`;

/** Lists what was parked (dead inbound messages, outbound rows failed for good) and hands it back. */
async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  const ids = argv.flatMap((a, i) => (argv[i - 1] === '--id' ? [a] : []));
  if (ids.some((id) => !/^\d+$/.test(id))) {
    console.error(`--id takes a row number, e.g. --id 42\n\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const c = await buildContainer(config, systemClock, createLogger(config.logLevel));
  try {
    const repo = new OutboxRepository(c.ds);
    const dead = await c.intake.listDead(1000);
    const failed = await repo.listFailed(1000);
    console.log(`dead inbound messages: ${dead.length}`);
    for (const d of dead) {
      console.log(
        `  #${d.id} ${d.platform} ${d.messageId} dead ${d.deadAt.toISOString()}: ${d.lastError ?? ''}`,
      );
    }
    console.log(`failed sends: ${failed.length}`);
    for (const f of failed) {
      console.log(`  #${f.id} ${f.channel} → ${f.target} [${f.errorCode ?? '-'}] ${f.lastError ?? ''}`);
    }
    if (argv.includes('--list')) return 0;
    const outbound = argv.includes('--outbound');
    const inbound = await c.intake.redrive(outbound ? undefined : ids);
    console.log(`re-driven inbound messages: ${inbound}`);
    if (outbound) {
      const outbox = new OutboxService(repo, c.queues.outbound as Queue<SendJobData>, systemClock);
      console.log(`re-driven sends: ${await outbox.redriveFailed(ids)}`);
    }
    return 0;
  } finally {
    await c.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`redrive failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
