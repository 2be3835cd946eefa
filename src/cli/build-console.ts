/**
 * The second half of `npm run build`: builds the web console's pages with Vite when the dev tools are
 * installed. A production install (`npm ci --omit=dev`) has no Vite: then the pages shipped in
 * `web/dist` (built on the build machine) are kept, or `/console` says they are missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');

if (!existsSync(vite)) {
  const built = existsSync(join(root, 'web', 'dist', 'index.html'));
  process.stdout.write(
    built
      ? 'Vite is not installed (npm ci --omit=dev): keeping the console pages already in web/dist.\n'
      : 'Vite is not installed (npm ci --omit=dev): the console pages were not built; build them with\n' +
          '`npm ci && npm run build:console` on a build machine and copy web/dist here.\n',
  );
} else {
  const run = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts'], {
    cwd: root,
    stdio: 'inherit',
  });
  process.exitCode = run.status ?? 1;
}
