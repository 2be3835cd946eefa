import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONSOLE_DIST } from './static';

const ROOT = path.resolve(__dirname, '../..');
const SOURCES = ['web/src', 'web/index.html', 'web/vite.config.ts'].map((p) => path.join(ROOT, p));

/** The newest modification time under `p` (a file or a folder), 0 when it does not exist. */
function newest(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(p).map((name) => newest(path.join(p, name))));
}

/**
 * Runs `npm run build:console` when the console has no build yet, or (in a checkout that has the page
 * sources) when a source is newer than the build — so the demo and the browser tests never serve
 * yesterday's pages. A production install ships `web/dist` without the sources and is left alone.
 */
export function buildConsoleIfMissing(force = false): void {
  const index = path.join(CONSOLE_DIST, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  if (!force && built > 0 && Math.max(...SOURCES.map(newest)) <= built) return;
  execFileSync('npm', ['run', '--silent', 'build:console'], { cwd: ROOT, stdio: 'inherit' });
}
