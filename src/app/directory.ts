import type { Directory } from '../commands/account/bind.feature';
import type { Container } from './container';

/** The platforms' member directories 绑定 asks to confirm a mobile, by account namespace (null where off). */
export function buildDirectory(c: Container): Directory {
  const directory: Directory = {};
  for (const a of c.platforms.adapters) {
    if (a.directory !== undefined) directory[a.accounts] = a.directory ?? directory[a.accounts] ?? null;
  }
  return directory;
}
