/**
 * What the test builds' caches share (test/support/production-build.ts, the compiled service, and
 * test/support/console-build.ts, the console bundle): the content hash of a build's inputs, and a lock
 * so that of the jest workers asking at once one builds and the others wait for its build.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Every file under `p` (or `p` itself when it is a file). */
export function filesUnder(p: string): string[] {
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p).flatMap((name) => filesUnder(path.join(p, name)));
}

/** sha256 over the files' paths (relative to `root`) and contents, in path order. */
export function contentHash(root: string, files: string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort())
    hash
      .update(`${path.relative(root, file)}\0`)
      .update(readFileSync(file))
      .update('\0');
  return hash.digest('hex');
}

/**
 * Runs `work` holding the lock directory `lock`, so that of the jest workers asking at once one
 * builds and the others wait for its build. A lock left by a killed run (older than two minutes) is
 * taken over.
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
