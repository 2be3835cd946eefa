import 'reflect-metadata';
import '../lib/load-env';
import { buildContainer } from '../app/container';
import { buildScheduledJobs, dryRunMaker, jobDeps } from '../app/scheduled-jobs';
import { buildSending } from '../app/sending';
import { loadConfig } from '../config';
import { SCHEDULED_JOBS, isScheduledJobName } from '../jobs/catalogue';
import { NoReachableTargetError, planJob, type JobPlan } from '../jobs/job-guard';
import { FixedClock } from '../lib/clock';
import { createLogger } from '../lib/logger';

const USAGE = 'npm run job -- NAME [--at 2026-11-25T09:00:00+08:00] [--dry-run]';

/**
 * `npm run job` lists the jobs; `npm run job -- NAME [--at ISO-8601] [--dry-run]` runs one now, as
 * of --at, with the service's settings (the same .env and defaults). --dry-run prints who would get
 * what and sends and records nothing.
 */
export async function runJobCli(argv: string[]): Promise<number> {
  const atIndex = argv.indexOf('--at');
  const atText = atIndex >= 0 ? argv[atIndex + 1] : undefined;
  const name = argv.find((a, i) => !a.startsWith('--') && !(atIndex >= 0 && i === atIndex + 1));
  const dryRun = argv.includes('--dry-run');

  if (!name) {
    console.log('Scheduled jobs (Asia/Shanghai):');
    for (const [job, spec] of Object.entries(SCHEDULED_JOBS)) {
      console.log(`  ${job.padEnd(18)} ${spec.pattern.padEnd(18)} ${spec.description}`);
    }
    console.log(`\nRun one now: ${USAGE}`);
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
    const sending = buildSending(c);
    if (dryRun) {
      const make = dryRunMaker(name, c, sending);
      if (!make) {
        console.error(`job "${name}" has no handler in this build yet`);
        return 3;
      }
      const plan = await planJob(name, make, jobDeps(c, sending), at);
      printPlan(plan);
      return plan.attempts > 0 && plan.reached === 0 ? 1 : 0;
    }
    const handler = buildScheduledJobs(c, sending).get(name);
    if (!handler) {
      console.error(`job "${name}" has no handler in this build yet`);
      return 3;
    }
    try {
      const result = await handler(at);
      console.log(
        `${name} for ${result.period}: ${result.sent} message(s) queued${result.note ? ` — ${result.note}` : ''}`,
      );
      return 0;
    } catch (err) {
      if (!(err instanceof NoReachableTargetError)) throw err;
      console.error(`job failed: ${err.message}`);
      return 1;
    }
  } finally {
    await c.close();
  }
}

function printPlan(plan: JobPlan): void {
  const { result } = plan;
  console.log(`${plan.name} for ${result.period} (dry run: nothing sent, nothing recorded)`);
  if (result.note) console.log(`  ${result.note}`);
  console.log(`  would queue ${plan.messages.length} message(s):`);
  for (const m of plan.messages) console.log(`    → ${m.to} [${m.channel}] ${m.title}`);
  if (plan.unreachable.length) {
    console.log(`  unreachable (${plan.unreachable.length}):`);
    for (const u of plan.unreachable) console.log(`    ✗ ${u}`);
  }
  if (plan.attempts > 0 && plan.reached === 0) {
    console.log('  a real run would FAIL: no target is reachable, and the period would stay open');
  }
}

if (require.main === module) {
  runJobCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`job failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exit(1);
    },
  );
}
