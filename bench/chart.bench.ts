import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { baseFont, setChartFontCacheDir } from '../src/charts/chart-font';
import { mb } from './bench-kit';
import { alternate, machine, median, ROOT } from './out-of-process';
import type { ChartRun } from './servers/run-charts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SIDES = ['in-process', 'current, font cut now', 'current, font on disk'] as const;
type Side = (typeof SIDES)[number];

const run = async (side: 'in-process' | 'current', cacheDir: string): Promise<ChartRun> => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      path.join(ROOT, 'bench/servers/run-charts.ts'),
      side,
      cacheDir,
    ],
    { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent' }, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChartRun;
};

/**
 * Rendering a chart (ECharts SSR SVG → PNG with the bundled Noto Sans SC), each run in a fresh
 * process of its own (bench/servers/run-charts.ts), the sides alternating: the old renderer
 * (bench/baselines/: base font cut in the process, no collection), the current one with the base
 * font cut in that run (a machine's first chart) and with it already on disk (every later process). Per kind: wall and CPU medians of
 * 20 charts after the first. Memory: peak RSS (getrusage) over the RSS before the first chart, with
 * every module loaded. Target: ≤ 200 ms and ≤ 100 MB extra per chart.
 */
export async function benchCharts(): Promise<void> {
  const warmDir = mkdtempSync(path.join(tmpdir(), 'qs-bench-font-warm-'));
  setChartFontCacheDir(warmDir);
  await baseFont(); // cut once here, so the "on disk" side finds it
  console.log(`charts: ${ROUNDS} alternating rounds, each run its own process; ${machine()}`);
  const cold: string[] = [];
  try {
    const samples = await alternate(SIDES, ROUNDS, (side: Side) => {
      if (side === 'in-process') return run('in-process', warmDir);
      if (side === 'current, font on disk') return run('current', warmDir);
      const dir = mkdtempSync(path.join(tmpdir(), 'qs-bench-font-cold-'));
      cold.push(dir);
      return run('current', dir);
    });
    const extra = (r: ChartRun) => r.peak - r.before;
    for (const side of SIDES) {
      const rs = samples[side];
      const first = rs[0];
      const kinds = first.kinds.map((k, i) => {
        const of = (pick: (x: ChartRun['kinds'][number]) => number) =>
          median(rs.map((r) => pick(r.kinds[i])));
        return `${k.label} wall ${of((x) => x.wall).toFixed(0)} ms (worst ${of((x) => x.worst).toFixed(0)}), CPU ${of((x) => x.cpu).toFixed(0)} ms, PNG ${(k.bytes / 1024).toFixed(0)} KB`;
      });
      const fonts = rs.map((r) => r.font).filter((f) => f?.built);
      console.log(
        `chart ${side}: RSS before the first chart ${mb(median(rs.map((r) => r.before)))}; ` +
          `first chart ${median(rs.map((r) => r.firstMs)).toFixed(0)} ms, peak +${mb(median(rs.map((r) => r.peakFirst - r.before)))}; ` +
          `peak over the run +${mb(median(rs.map(extra)))} (runs: ${rs.map((r) => mb(extra(r))).join(', ')}); ` +
          `RSS after the last chart +${mb(median(rs.map((r) => r.after - r.before)))}, 1 s later +${mb(median(rs.map((r) => r.settled - r.before)))}` +
          (fonts.length
            ? `; base font cut in its own process: ${median(fonts.map((f) => f!.ms)).toFixed(0)} ms, peak RSS ${mb(median(fonts.map((f) => f!.peakRss)))}`
            : ''),
      );
      for (const k of kinds) console.log(`  ${k}`);
    }
    const ratio = (s: Side) => median(samples[s].map(extra)) / median(samples['in-process'].map(extra));
    const cpu = (s: Side) =>
      median(samples[s].map((r) => r.kinds[0].cpu)) /
      median(samples['in-process'].map((r) => r.kinds[0].cpu));
    console.log(
      `chart memory (target ≤ 100 MB extra): current/in-process peak extra ${ratio('current, font on disk').toFixed(2)} (font on disk), ` +
        `${ratio('current, font cut now').toFixed(2)} (cut in the run); 三率 CPU current/in-process ${cpu('current, font on disk').toFixed(2)}`,
    );
  } finally {
    for (const dir of [warmDir, ...cold]) rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchCharts().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
