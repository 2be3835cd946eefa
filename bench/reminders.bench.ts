/**
 * contact-reminders at 10× Xi'an (10,000 cadres, 50,000 pairs, 1.2 M visits), grown 10 % → 100 %. At
 * each size the set-based job, the old row-by-row job, the job's scan statement alone and a bare SQL
 * aggregate computing the same answer (checked first, row by row) run alternately, each run in a fresh child process (bench/servers/run-reminders.ts:
 * its own peak memory, no warm caches carried over in the heap). Prints medians, peak RSS, the ratios
 * and the growth from 10 % to 100 %.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { mb, measure, withThrowawayDatabase } from './bench-kit';
import { alternate, machine, median, ROOT } from './out-of-process';
import { generateFixed, generateSlice } from './supervision.bench';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const STEPS = [0.1, 1];
const SIDES = ['set-based', 'row-by-row', 'scan', 'bare'] as const;
type Side = (typeof SIDES)[number];

interface Run {
  ms: number;
  peak: number;
  stored: number;
  /** `check` only: where the bare aggregate's answer differs from the scan's (null: the same). */
  diff?: string | null;
}

const run = async (side: Side | 'check', url: string): Promise<Run> => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      path.join(ROOT, 'bench/servers/run-reminders.ts'),
      side,
      url,
    ],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent' }, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as Run;
};

export async function benchReminders(): Promise<void> {
  await withThrowawayDatabase('reminders', async (ds, name) => {
    const url = new URL(
      process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    );
    url.pathname = `/${name}`;
    console.log(
      `contact-reminders: ${ROUNDS} alternating rounds per size, each run its own process; ${machine()}`,
    );
    await generateFixed(ds);
    let done = 0;
    const at: Record<string, Record<Side, number>> = {};
    for (const step of STEPS) {
      const gen = await measure(() => generateSlice(ds, done, step));
      done = step;
      const [{ pairs }] = await ds.query(`SELECT count(*)::int AS pairs FROM pairing WHERE ended_at IS NULL`);
      const label = `${Math.round(step * 100)}%`;
      console.log(`${label}: ${pairs} open pairs (generated in ${(gen.time / 1000).toFixed(1)} s)`);
      const { diff } = await run('check', url.toString());
      console.log(
        diff
          ? `  bare aggregate DIFFERS from the scan: ${diff.slice(0, 300)}`
          : '  bare aggregate = scan: the same rows, lists and order (late and mid runs)',
      );
      const samples = await alternate(SIDES, ROUNDS, (side) => run(side, url.toString()));
      at[label] = {} as Record<Side, number>;
      for (const side of SIDES) {
        const s = samples[side];
        const m = median(s.map((r) => r.ms));
        at[label][side] = m;
        console.log(
          `  ${side.padEnd(11)} median ${m.toFixed(0).padStart(6)} ms  (runs ${s.map((r) => r.ms.toFixed(0)).join(', ')})` +
            `  peak rss ${mb(Math.max(...s.map((r) => r.peak)))}  ${side === 'bare' || side === 'scan' ? 'rows' : 'messages'} ${s[0].stored}`,
        );
      }
      console.log(
        `  scan/bare ×${(at[label].scan / at[label].bare).toFixed(2)}, ` +
          `set-based job/bare ×${(at[label]['set-based'] / at[label].bare).toFixed(2)}, ` +
          `row-by-row/set-based ×${(at[label]['row-by-row'] / at[label]['set-based']).toFixed(1)}; ${machine()}`,
      );
    }
    console.log('growth from 10 % to 100 % (median at 100 % / median at 10 %):');
    for (const side of SIDES)
      console.log(`  ${side.padEnd(11)} ×${(at['100%'][side] / at['10%'][side]).toFixed(1)}`);
  });
}

if (require.main === module) {
  benchReminders().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
