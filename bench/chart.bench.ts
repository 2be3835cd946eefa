import { performance } from 'node:perf_hooks';
import { contactRateChart, ratesChart, tierChart } from '../src/charts/leader-charts';
import { mb } from './bench-kit';

/** Fixture data the size of a city: 15 units (the chart's cap), 8 weeks, 4 tiers. */
const units = Array.from({ length: 15 }, (_, i) => ({
  name: `市第${i + 1}办理单位（自然资源和规划）`,
  response: ((i * 7) % 100) / 100,
  resolution: ((i * 13) % 100) / 100,
  satisfaction: ((i * 17) % 100) / 100,
}));
const weeks = Array.from({ length: 8 }, (_, i) => ({ label: `第${40 + i}周`, rate: i / 8 }));

/**
 * CPU time is printed beside wall time: on a shared, busy machine the wall clock measures the
 * neighbours as much as the chart.
 *
 * Rendering one chart (ECharts SSR SVG → resvg PNG with the bundled Noto Sans SC): wall time per
 * chart (median and worst of 20 after a warm-up) and the memory it adds (peak RSS over the start).
 * Target: ≤ 200 ms and ≤ 100 MB extra per chart.
 */
export async function benchCharts(): Promise<void> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const sample = () => (peak = Math.max(peak, process.memoryUsage.rss()));
  const timer = setInterval(sample, 5);
  const kinds: [string, () => Promise<{ png: Buffer }>][] = [
    ['三率 bars (15 units)', () => ratesChart('各办理单位三率', units)],
    ['一月两见 line (8 weeks)', () => contactRateChart('一月两见达标率（按周）', weeks)],
    ['tiers bars', () => tierChart('在办问题分级', { normal: 40, blue: 6, yellow: 4, red: 3 })],
  ];
  let warmed = before;
  try {
    for (const [label, render] of kinds) {
      await render(); // warm-up: module load, font parse caches
      warmed = Math.max(warmed, process.memoryUsage.rss());
      const times: number[] = [];
      const cpu: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 20; i++) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        bytes = (await render()).png.length;
        times.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
        sample();
        await new Promise((r) => setImmediate(r));
      }
      times.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      console.log(
        `chart ${label}: wall median ${times[10].toFixed(0)} ms, worst ${times[19].toFixed(0)} ms; ` +
          `CPU median ${cpu[10].toFixed(0)} ms; PNG ${(bytes / 1024).toFixed(0)} KB (target ≤ 200 ms)`,
      );
    }
  } finally {
    clearInterval(timer);
  }
  console.log(
    `chart memory: RSS ${mb(before)} before the first chart, ${mb(warmed)} once warm (font read, hb-subset wasm), ` +
      `peak ${mb(peak)}: extra ${mb(peak - before)} in all, ${mb(Math.max(0, peak - warmed))} per chart once warm (target ≤ 100 MB)`,
  );
}
