import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CONSOLE_DIST } from './static';

/** Runs `npm run build:console` when the console has no build yet (the demo and the browser tests). */
export function buildConsoleIfMissing(force = false): void {
  if (!force && existsSync(path.join(CONSOLE_DIST, 'index.html'))) return;
  execFileSync('npm', ['run', '--silent', 'build:console'], {
    cwd: path.resolve(__dirname, '../..'),
    stdio: 'inherit',
  });
}
