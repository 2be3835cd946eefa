/**
 * Chart rendering in a process of its own, for bench/chart.bench.ts: `tsx bench/servers/run-charts.ts
 * <side> <font cache dir>` renders each kind of chart once (the first chart: font found or cut,
 * modules warmed), then 20 more of each kind, and prints one JSON line. Memory is the kernel's
 * high-water mark (getrusage maxRSS, which catches the peaks inside synchronous Rust calls that a
 * sampling timer cannot) against the RSS just before the first chart, with every module loaded.
 * Sides: `current` (the renderer: the base font cut once per machine in a child process, a young
 * collection after each chart) and `in-process` (the old renderer, bench/baselines/render-chart-in-process.ts).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { baseFontBuild, setChartFontCacheDir } from '../../src/charts/chart-font';
import { contactRateChart, ratesChart, tierChart, type ChartRenderer } from '../../src/charts/leader-charts';
import { renderChartInProcess } from '../baselines/render-chart-in-process';

/** Fixture data the size of a city: 15 units (the chart's cap), 8 weeks, 4 tiers. */
const units = Array.from({ length: 15 }, (_, i) => ({
  name: `市第${i + 1}办理单位（自然资源和规划）`,
  response: ((i * 7) % 100) / 100,
  resolution: ((i * 13) % 100) / 100,
  satisfaction: ((i * 17) % 100) / 100,
}));
const weeks = Array.from({ length: 8 }, (_, i) => ({ label: `第${40 + i}周`, rate: i / 8 }));

export interface ChartRun {
  /** RSS just before the first chart (modules loaded), bytes. */
  before: number;
  /** Wall time of the first chart (font found or cut, first thread), ms. */
  firstMs: number;
  /** Peak RSS (maxRSS) once the first chart is done, and at the end. */
  peakFirst: number;
  peak: number;
  /** RSS after the last chart and a second later. */
  after: number;
  settled: number;
  /** Per kind: median and worst wall time, median CPU time (all threads), PNG bytes. */
  kinds: { label: string; wall: number; worst: number; cpu: number; bytes: number }[];
  font: { built: boolean; ms: number; peakRss: number } | null;
}

const maxRss = () => process.resourceUsage().maxRSS * 1024;

async function main(): Promise<void> {
  const [side, cacheDir] = process.argv.slice(2);
  setChartFontCacheDir(cacheDir);
  const render: ChartRenderer | undefined = side === 'in-process' ? renderChartInProcess : undefined;
  if (side !== 'in-process' && side !== 'current') throw new Error(`unknown side ${side}`);
  const kinds: [string, () => Promise<{ png: Buffer }>][] = [
    ['三率 bars (15 units)', () => ratesChart('各办理单位三率', units, render)],
    ['一月两见 line (8 weeks)', () => contactRateChart('一月两见达标率（按周）', weeks, render)],
    ['tiers bars', () => tierChart('在办问题分级', { normal: 40, blue: 6, yellow: 4, red: 3 }, render)],
  ];
  const before = process.memoryUsage.rss();
  const t0 = performance.now();
  await kinds[0][1]();
  const firstMs = performance.now() - t0;
  const peakFirst = maxRss();
  const out: ChartRun['kinds'] = [];
  for (const [label, draw] of kinds) {
    const wall: number[] = [];
    const cpu: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 20; i++) {
      const w0 = performance.now();
      const c0 = process.cpuUsage();
      bytes = (await draw()).png.length;
      wall.push(performance.now() - w0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    wall.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    out.push({ label, wall: wall[10], worst: wall[19], cpu: cpu[10], bytes });
  }
  const after = process.memoryUsage.rss();
  await sleep(1000);
  const run: ChartRun = {
    before,
    firstMs,
    peakFirst,
    peak: maxRss(),
    after,
    settled: process.memoryUsage.rss(),
    kinds: out,
    font: side === 'current' ? baseFontBuild() : null,
  };
  console.log(JSON.stringify(run));
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
