import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The CJK font every chart is drawn with, shipped in an npm package (Noto Sans SC, SIL OFL): the
 * server needs no system fonts, and a machine without any still draws 中文, never boxes.
 */
export const CHART_FONT_FAMILY = 'Noto Sans SC';
export const FULL_FONT_FILE =
  require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');

/** Printable ASCII: always in a chart's font (numbers, %, Latin unit names). */
export const ASCII: string = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

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

/**
 * The font file charts are cut from: the full 10 MB font cut once to GB2312 (the 6,763 common 汉字,
 * symbols) and ASCII, 2.4 MB. A chart with a character outside it (a rare name: 堃, 玥) is cut from
 * the full font instead.
 */
export interface BaseFont {
  file: string;
  chars: ReadonlySet<string>;
}

/** How the base font was found: already on disk, or cut now in a process of its own. */
export interface BaseFontBuild {
  file: string;
  built: boolean;
  /** Wall time of the cut (0 when found on disk). */
  ms: number;
  /** Peak RSS of the cutting process, bytes (0 when found on disk). */
  peakRss: number;
}

let cacheDir = join(tmpdir(), 'qinshang-bot-fonts');
let base: Promise<BaseFont | null> | null = null;
let lastBuild: BaseFontBuild | null = null;

/** Where the cut base font is kept between processes (tests and benchmarks use a directory of their own). */
export function setChartFontCacheDir(dir: string): void {
  cacheDir = dir;
  base = null;
  lastBuild = null;
}

/** How this process got its base font (null before the first chart). */
export function baseFontBuild(): BaseFontBuild | null {
  return lastBuild;
}

/**
 * Cuts FULL_FONT_FILE to `chars` into `out` (the base font, or one chart's characters when a rare one
 * is outside the base) with subset-font (harfbuzz's hb-subset as wasm): run as
 * `node -e` so it needs no TypeScript loader, and in a child process so the wasm's linear memory
 * (it holds the whole 10 MB font and never shrinks) is never part of a web or worker process.
 * Prints its peak RSS (KB) when done. The characters come on stdin.
 */
const CUT_SCRIPT = `
const [subsetFontPath, source, out] = process.argv.slice(1);
const fs = require('node:fs');
const subsetFont = require(subsetFontPath);
let chars = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => (chars += d));
process.stdin.on('end', async () => {
  const font = await subsetFont(fs.readFileSync(source), chars, { targetFormat: 'truetype' });
  fs.writeFileSync(out, font);
  process.stdout.write(String(process.resourceUsage().maxRSS));
});
`;

export async function cutInChildProcess(chars: string, out: string): Promise<number> {
  const child = spawn(
    process.execPath,
    ['-e', CUT_SCRIPT, require.resolve('subset-font'), FULL_FONT_FILE, out],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  child.stdin.end(chars);
  const code = await exited;
  if (code !== 0) throw new Error(`cutting the chart font failed (exit ${code}): ${stderr.slice(-500)}`);
  return Number(stdout) * 1024;
}

async function findOrBuild(): Promise<BaseFont | null> {
  const chars = new Set([...ASCII, ...gb2312Chars()]);
  const repertoire = [...chars].join('');
  // The name changes with the font file and the repertoire, so a new font version is cut again.
  const key = createHash('sha256')
    .update(`${statSync(FULL_FONT_FILE).size}:${repertoire}`)
    .digest('hex')
    .slice(0, 16);
  const file = join(cacheDir, `NotoSansSC-gb2312-${key}.ttf`);
  try {
    if (statSync(file).size > 0) {
      lastBuild = { file, built: false, ms: 0, peakRss: 0 };
      return { file, chars };
    }
  } catch {
    // Not cut yet.
  }
  const t0 = Date.now();
  // Another process may cut it at the same time: each writes its own file and renames it into place.
  const partial = `${file}.${process.pid}.${Date.now()}.partial`;
  try {
    mkdirSync(cacheDir, { recursive: true });
    const peakRss = await cutInChildProcess(repertoire, partial);
    renameSync(partial, file);
    lastBuild = { file, built: true, ms: Date.now() - t0, peakRss };
    return { file, chars };
  } catch {
    rmSync(partial, { force: true });
    // No writable cache or no child process: charts are cut from the full font (slower, same picture).
    return null;
  }
}

/**
 * The base font of this process: found on disk or cut once (concurrent first charts share the cut).
 * Checked on every chart, since a temp-directory cleaner may remove the file between charts.
 */
export async function baseFont(): Promise<BaseFont | null> {
  base ??= findOrBuild();
  const found = await base;
  if (!found) return null; // cached too: the process does not retry a cut that failed
  try {
    statSync(found.file);
    return found;
  } catch {
    base = findOrBuild();
    return base;
  }
}
