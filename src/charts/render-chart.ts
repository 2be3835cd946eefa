import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Resvg } from '@resvg/resvg-js';
import type { EChartsCoreOption } from 'echarts';
import { onFirstUse } from '../lib/on-first-use';
import { ASCII, baseFont, CHART_FONT_FAMILY, cutInChildProcess } from './chart-font';

export { CHART_FONT_FAMILY } from './chart-font';

/** A rendered chart: the PNG sent to chat and the SVG it came from (its text layer is checked in tests). */
export interface RenderedChart {
  png: Buffer;
  svg: string;
  width: number;
  height: number;
}

export interface ChartSize {
  /** Layout size in CSS pixels; the PNG is `scale` times larger (sharp on phones). */
  width: number;
  height: number;
  scale?: number;
}

/** The base font a chart is cut from, read once (2.4 MB). */
let source: { file: string; bytes: Buffer } | null = null;
function baseBytes(file: string): Buffer {
  if (source?.file !== file) source = { file, bytes: readFileSync(file) };
  return source.bytes;
}

/**
 * V8's collector, exposed the way jest's leak detector does it. resvg keeps each chart's pixmap
 * (≈ 6 MB at 1080 × 1380) and parsed SVG in Rust memory owned by two small JS wrappers; V8 sees only
 * the wrappers, so a burst of charts (a digest's, one per leader) piles up 7 MB a chart until some
 * unrelated collection. A young-generation collection (≈ 4 ms) once the chart is out of scope frees
 * them at once.
 */
let collect: ((options: { type: 'minor' }) => void) | null = null;
function releaseRenderMemory(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as (options: { type: 'minor' }) => void;
  }
  const gc = collect;
  // After the caller's frame is gone (the wrappers are unreachable then), off the render's own path.
  setImmediate(() => gc({ type: 'minor' })).unref();
}

/**
 * ECharts, resvg and subset-font, loaded with the first chart: they are the largest libraries of the
 * app (echarts alone is one 3.8 MB file to compile), and only the digests and the leader's charts draw, so
 * no process (or test file) pays for them before it draws.
 */
const renderers = onFirstUse(() =>
  Promise.all([import('echarts'), import('@resvg/resvg-js'), import('subset-font')]).then(
    ([echarts, { Resvg }, { default: subsetFont }]) => ({ echarts, resvg: Resvg, subsetFont }),
  ),
);

/**
 * Renders an ECharts option on the server without a browser: ECharts' SSR SVG renderer, then resvg
 * (Rust, via napi) rasterises the SVG to PNG. resvg parses every font it is given on each render:
 * the 2.4 MB GB2312 base costs ≈ 4× a chart's own cut, the full font ≈ 20×, so the base is cut
 * (hb-subset) to the characters this SVG holds. The base itself is cut once per machine, in a
 * process of its own (chart-font), and so is a chart with a character outside it. Animation is
 * off: SSR draws the final frame only.
 */
export async function renderChart(option: EChartsCoreOption, size: ChartSize): Promise<RenderedChart> {
  const { echarts, resvg, subsetFont } = await renderers();
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: size.width,
    height: size.height,
  });
  let svg: string;
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: CHART_FONT_FAMILY },
      ...option,
    });
    svg = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  // Every non-ASCII character of the SVG (labels, titles; entities are ASCII) plus printable ASCII.
  const chars = new Set(ASCII);
  for (const ch of svg) if (ch.charCodeAt(0) > 126) chars.add(ch);
  const common = await baseFont();
  const fromBase = common !== null && [...chars].every((ch) => common.chars.has(ch));
  // resvg's Node binding takes fonts as files only (its options cross to Rust as JSON): a
  // throwaway file of a few KB per chart.
  const dir = await mkdtemp(join(tmpdir(), 'qs-chart-'));
  try {
    const file = join(dir, 'font.ttf');
    if (fromBase) {
      await writeFile(
        file,
        await subsetFont(baseBytes(common.file), [...chars].join(''), { targetFormat: 'truetype' }),
      );
    } else {
      // A rare character (堃, 玥) or no base: cut from the full 10 MB font in a child process, so the
      // wasm holding it never grows this process's memory (≈ 1 s; rare names in unit titles only).
      await cutInChildProcess([...chars].join(''), file);
    }
    return draw(resvg, svg, file, size.scale ?? 1.5);
  } finally {
    await rm(dir, { recursive: true, force: true });
    releaseRenderMemory();
  }
}

/** The resvg part, in a frame of its own so nothing keeps its wrappers reachable afterwards. */
function draw(resvg: typeof Resvg, svg: string, fontFile: string, scale: number): RenderedChart {
  const image = new resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
  }).render();
  return { png: image.asPng(), svg, width: image.width, height: image.height };
}
