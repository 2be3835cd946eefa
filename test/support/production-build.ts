import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { contentHash, filesUnder, withLock } from './build-cache';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
/** Inside the package (so the compiled code finds its node_modules and package.json), never `dist/`. */
const OUT = path.join(ROOT, 'node_modules/.cache/qinshang-production-build');
const STAMP = 'inputs.sha256';

/** What `npm run build`'s compile reads: the sources (less src/dev), its settings and the locked compiler. */
function inputsHash(): string {
  const files = [
    ...filesUnder(path.join(ROOT, 'src')).filter((f) => !f.startsWith(path.join(ROOT, 'src/dev/'))),
    ...['ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((f) =>
      path.join(ROOT, f),
    ),
  ];
  return contentHash(ROOT, files);
}

const built = (hash: string) =>
  existsSync(path.join(OUT, STAMP)) && readFileSync(path.join(OUT, STAMP), 'utf8') === hash;

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
