import 'reflect-metadata';
import 'dotenv/config';
import { buildContainer } from '../app/container';
import { buildScheduledJobs } from '../app/scheduled-jobs';
import { buildSending } from '../app/sending';
import { loadConfig } from '../config';
import { SCHEDULED_JOBS, isScheduledJobName } from '../jobs/catalogue';
import { FixedClock } from '../lib/clock';
import { createLogger } from '../lib/logger';

/** `npm run job` lists the jobs; `npm run job -- NAME [--at ISO-8601]` runs one now, as of --at. */
async function main(argv: string[]): Promise<number> {
  const name = argv.find((a) => !a.startsWith('--'));
  const atIndex = argv.indexOf('--at');
  const atText = atIndex >= 0 ? argv[atIndex + 1] : undefined;

  if (!name) {
    console.log('Scheduled jobs (Asia/Shanghai):');
    for (const [job, spec] of Object.entries(SCHEDULED_JOBS)) {
      console.log(`  ${job.padEnd(18)} ${spec.pattern.padEnd(18)} ${spec.description}`);
    }
    console.log('\nRun one now: npm run job -- NAME [--at 2026-11-25T09:00:00+08:00]');
    return 0;
  }
  if (!isScheduledJobName(name)) {
    console.error(`unknown job "${name}"; known: ${Object.keys(SCHEDULED_JOBS).join(', ')}`);
    return 2;
  }
  const at = atText === undefined ? new Date() : new Date(atText);
  if (atIndex >= 0 && (atText === undefined || Number.isNaN(at.getTime()))) {
    console.error(`--at needs an ISO-8601 time, e.g. 2026-11-25T09:00:00+08:00 (got ${atText ?? 'nothing'})`);
    return 2;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const c = await buildContainer(config, new FixedClock(at), logger);
  try {
    const handler = buildScheduledJobs(c, buildSending(c)).get(name);
    if (!handler) {
      console.error(`job "${name}" has no handler in this build yet`);
      return 3;
    }
    const result = await handler(at);
    console.log(
      `${name} for ${result.period}: ${result.sent} message(s) queued${result.note ? ` — ${result.note}` : ''}`,
    );
    return 0;
  } finally {
    await c.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(`job failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
