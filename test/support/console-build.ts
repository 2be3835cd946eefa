import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { CONSOLE_DIST } from '../../src/console/static';
import { contentHash, filesUnder, withLock } from './build-cache';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
/** One folder per input hash, each a complete `vite build` (beside the compiled service's cache). */
const CACHE = path.join(ROOT, 'node_modules/.cache/qinshang-console-build');
const STAMP = '.inputs.sha256';
/** Builds kept for other branches or checkouts of the same tree (a switch back costs no build). */
const KEEP = 4;

/** What `npm run build:console` reads: the pages' sources, Vite's settings and the locked packages. */
export function consoleInputsHash(): string {
  const files = [
    ...filesUnder(path.join(ROOT, 'web/src')),
    ...['web/index.html', 'web/vite.config.ts', 'package-lock.json'].map((f) => path.join(ROOT, f)),
  ];
  return contentHash(ROOT, files);
}

const stampOf = (dir: string) => {
  try {
    return readFileSync(path.join(dir, STAMP), 'utf8');
  } catch {
    return null;
  }
};
const holds = (dir: string, hash: string) =>
  stampOf(dir) === hash && existsSync(path.join(dir, 'index.html'));

/** `npm run build:console`'s Vite build of these sources into the cache, unless it is there already. */
async function cachedBuild(hash: string): Promise<string> {
  const entry = path.join(CACHE, hash);
  if (holds(entry, hash)) return entry;
  const building = `${entry}.${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  const vite = path.join(ROOT, 'node_modules/vite/bin/vite.js');
  await run(
    process.execPath,
    [
      vite,
      'build',
      '--config',
      'web/vite.config.ts',
      '--outDir',
      building,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT },
  );
  writeFileSync(path.join(building, STAMP), hash);
  rmSync(entry, { recursive: true, force: true });
  renameSync(building, entry);
  // The oldest builds go (by when they were made); the one just made is the newest.
  const others = readdirSync(CACHE)
    .filter((name) => /^[0-9a-f]{64}$/.test(name) && name !== hash)
    .map((name) => ({ name, at: statSync(path.join(CACHE, name)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const old of others.slice(KEEP - 1))
    rmSync(path.join(CACHE, old.name), { recursive: true, force: true });
  return entry;
}

/**
 * The web console's pages as `npm run build:console` builds them from this checkout, in `web/dist`
 * (where the web process serves them from). Built with Vite once per set of inputs (the content of
 * web/src, web/index.html, web/vite.config.ts and package-lock.json), kept by that hash under
 * node_modules/.cache and copied into web/dist when what web/dist holds was built from other inputs
 * (or by hand): only the first run after a change to the pages pays for the build. Of the jest
 * workers asking at once one builds (a lock) and the others find its build; each build is made in a
 * folder of its own and renamed into place, and web/dist is swapped in by a rename, so nobody serves
 * half a build. CONSOLE_REBUILD=1 builds once more in this run even when the cache has these inputs.
 */
export async function ensureConsoleBuilt(): Promise<void> {
  const hash = consoleInputsHash();
  // CONSOLE_REBUILD=1: once per test run (of the workers, the first to ask), not once per file.
  const rebuiltMark = path.join(CACHE, hash, `.rebuilt-${process.env.QINSHANG_TEST_RUN ?? 'run'}`);
  const rebuild = () => process.env.CONSOLE_REBUILD === '1' && !existsSync(rebuiltMark);
  if (!rebuild() && holds(CONSOLE_DIST, hash)) return;
  await withLock(`${CACHE}.lock`, async () => {
    if (rebuild()) rmSync(path.join(CACHE, hash), { recursive: true, force: true });
    else if (holds(CONSOLE_DIST, hash)) return;
    mkdirSync(CACHE, { recursive: true });
    const entry = await cachedBuild(hash);
    const copy = `${CONSOLE_DIST}.${process.pid}`;
    const old = `${CONSOLE_DIST}.old.${process.pid}`;
    rmSync(copy, { recursive: true, force: true });
    cpSync(entry, copy, { recursive: true });
    if (existsSync(CONSOLE_DIST)) renameSync(CONSOLE_DIST, old);
    renameSync(copy, CONSOLE_DIST);
    rmSync(old, { recursive: true, force: true });
    if (process.env.CONSOLE_REBUILD === '1') writeFileSync(rebuiltMark, '');
  });
}
