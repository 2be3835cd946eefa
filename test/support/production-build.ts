import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
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
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
/** Inside the package (so the compiled code finds its node_modules and package.json), never `dist/`. */
const OUT = path.join(ROOT, 'node_modules/.cache/qinshang-production-build');
const STAMP = 'inputs.sha256';

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourcesUnder(full) : [full];
  });
}

/** What `npm run build`'s compile reads: the sources (less src/dev), its settings and the locked compiler. */
function inputsHash(): string {
  const files = [
    ...sourcesUnder(path.join(ROOT, 'src')).filter((f) => !f.startsWith(path.join(ROOT, 'src/dev/'))),
    ...['ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) =>
      path.join(ROOT, f),
    ),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(`${path.relative(ROOT, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  return hash.digest('hex');
}

const built = (hash: string) =>
  existsSync(path.join(OUT, STAMP)) && readFileSync(path.join(OUT, STAMP), 'utf8') === hash;

/**
 * Runs `work` holding the lock directory `lock`, so that of the jest workers asking at once one
 * builds and the others wait for its build. A lock left by a killed run (older than two minutes) is
 * taken over. Shared with test/support/console-build.ts.
 */
export async function withLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  // A fresh install has no node_modules/.cache yet.
  mkdirSync(path.dirname(lock), { recursive: true });
  const end = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock, { recursive: false });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const heldSince = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - heldSince > 120_000) {
        rmSync(lock, { recursive: true, force: true });
      } else if (Date.now() > end) {
        throw new Error(`another jest worker held ${lock} for 3 minutes`, { cause: err });
      } else {
        await sleep(100);
      }
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * `npm run build`'s compile (tsc, without its type check: `npm run lint` type-checks and the emitted
 * JavaScript is the same) of this checkout, made again only when what it reads has changed since the
 * last one. Returns the folder holding `src/main.js`: what `dist/` holds after `npm run build`, for
 * the tests that run the service (or a CLI) as production runs it, `node dist/src/….js`.
 */
export async function compiledService(): Promise<string> {
  const hash = inputsHash();
  if (built(hash)) return OUT;
  return withLock(`${OUT}.lock`, async () => {
    if (built(hash)) return OUT;
    const building = `${OUT}.${process.pid}`;
    rmSync(building, { recursive: true, force: true });
    mkdirSync(building, { recursive: true });
    const tsconfig = path.join(building, 'tsconfig.json');
    writeFileSync(
      tsconfig,
      JSON.stringify({
        extends: path.join(ROOT, 'tsconfig.build.json'),
        compilerOptions: { outDir: building, typeRoots: [path.join(ROOT, 'node_modules/@types')] },
        exclude: [path.join(ROOT, 'src/dev')],
      }),
    );
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    await run(process.execPath, [tsc, '-p', tsconfig, '--noCheck'], { cwd: ROOT });
    rmSync(tsconfig);
    writeFileSync(path.join(building, STAMP), hash);
    rmSync(OUT, { recursive: true, force: true });
    renameSync(building, OUT);
    return OUT;
  });
}
