import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding package.json: the same from `src/` (tsx, tests) and from the compiled `dist/src/`,
 * so files shipped next to the code (seeds/, .env) are found from either.
 */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
