import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import subsetFont from 'subset-font';
import type { ChartSize, RenderedChart } from '../../src/charts/render-chart';

/**
 * The chart renderer as it was before charts were drawn in a recycled worker thread (kept for
 * `npm run bench charts` to compare with): the GB2312 base font cut once per process by hb-subset's
 * wasm in the calling thread, then every chart cut again and rasterised in that thread, so the wasm
 * memory and resvg's native pixmaps (freed only when V8 collects their wrappers) stay in the process.
 *
 * The CJK font every chart is drawn with, shipped in an npm package (Noto Sans SC, SIL OFL): the
 * server needs no system fonts, and a machine without any still draws 中文, never boxes.
 */
const CHART_FONT_FAMILY = 'Noto Sans SC';
const FONT_FILE = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

/**
 * The base the per-chart subsets are cut from: the font cut once per process to GB2312 (the 6,763
 * common 汉字, symbols) and ASCII, ≈ 1/4 of the full 10 MB, so each chart's cut copies and parses
 * far less. A chart with a character outside it (a rare name: 堃, 玥) is cut from the full font.
 */
let base: Promise<{ font: Buffer; chars: ReadonlySet<string> }> | null = null;

/** The GB2312 repertoire, decoded from its two-byte code space (rows 0xA1–0xF7, cells 0xA1–0xFE). */
function gb2312Chars(): string[] {
  const decoder = new TextDecoder('gbk', { fatal: false });
  const out: string[] = [];
  for (let hi = 0xa1; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = decoder.decode(Uint8Array.of(hi, lo));
      if (ch.length === 1 && ch !== '\ufffd') out.push(ch);
    }
  }
  return out;
}

function baseFont(): Promise<{ font: Buffer; chars: ReadonlySet<string> }> {
  base ??= (async () => {
    const chars = new Set([...ASCII, ...gb2312Chars()]);
    return {
      font: await subsetFont(readFileSync(FONT_FILE), [...chars].join(''), { targetFormat: 'truetype' }),
      chars,
    };
  })();
  return base;
}

/** Printable ASCII: always in the subset (numbers, %, Latin unit names). */
const ASCII: string = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/**
 * Renders an ECharts option on the server without a browser: ECharts' SSR SVG renderer, then resvg
 * (Rust, via napi) rasterises the SVG to PNG. resvg parses every font it is given on each render,
 * and the full CJK font costs ≈ 3× the rest of the work, so the font is first cut (hb-subset) to
 * the characters this SVG holds. Animation is off: SSR draws the final frame only.
 */
export async function renderChartInProcess(
  option: echarts.EChartsCoreOption,
  size: ChartSize,
): Promise<RenderedChart> {
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
  const source = [...chars].every((ch) => common.chars.has(ch)) ? common.font : readFileSync(FONT_FILE);
  const font = await subsetFont(source, [...chars].join(''), { targetFormat: 'truetype' });
  // resvg's Node binding takes fonts as files only (its options cross to Rust as JSON): a
  // throwaway file of a few KB per chart.
  const dir = await mkdtemp(join(tmpdir(), 'qs-chart-'));
  try {
    const file = join(dir, 'font.ttf');
    await writeFile(file, font);
    const options: ResvgRenderOptions = {
      background: '#ffffff',
      fitTo: { mode: 'zoom', value: size.scale ?? 1.5 },
      font: { fontFiles: [file], loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY },
    };
    const image = new Resvg(svg, options).render();
    return { png: image.asPng(), svg, width: image.width, height: image.height };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
