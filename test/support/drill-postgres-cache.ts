import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DrillPostgres, freePort } from '../drills/drill-kit';

const ROOT = path.resolve(__dirname, '../..');
/** Inside node_modules like the compiled service's cache (test/support/production-build.ts), never in the tree. */
const CACHE = path.join(ROOT, 'node_modules/.cache/qinshang-drill-pg');

/** What the migrated cluster is made of: the migrations, the way drill-kit makes it, the PostgreSQL binaries. */
function clusterHash(): string {
  const hash = createHash('sha256');
  const migrations = path.join(ROOT, 'src/migrations');
  for (const file of readdirSync(migrations).sort())
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(migrations, file)))
      .update('\0');
  hash.update(readFileSync(path.join(ROOT, 'test/drills/drill-kit.ts')));
  hash.update(execFileSync('/usr/lib/postgresql/15/bin/postgres', ['--version']));
  return hash.digest('hex').slice(0, 16);
}

/**
 * A DrillPostgres whose cluster is a copy of one made (initdb, CREATE DATABASE, every migration) once per
 * set of migrations and kept in node_modules/.cache: a copy of the stopped cluster's files takes a
 * fraction of a second, initdb and the migrations take seconds. The copy is the same cluster, started
 * and stopped for real as the drills need; only its making is shared.
 */
export class CachedDrillPostgres extends DrillPostgres {
  override async init(): Promise<this> {
    const cached = path.join(CACHE, clusterHash());
    const data = path.join(this.dir, 'data');
    if (!existsSync(cached)) {
      await super.init();
      this.stop();
      // Made by another jest worker at the same time: the first rename wins, the others drop theirs.
      const making = `${cached}.${process.pid}`;
      mkdirSync(CACHE, { recursive: true });
      execFileSync('cp', ['-a', data, making]);
      try {
        renameSync(making, cached);
        // Clusters of older migrations are not used again.
        for (const old of readdirSync(CACHE))
          if (!cached.endsWith(old) && !old.includes('.'))
            rmSync(path.join(CACHE, old), { recursive: true, force: true });
      } catch {
        rmSync(making, { recursive: true, force: true });
      }
      this.start();
      return this;
    }
    // cp -a keeps owner and modes (the postgres user's, 0700, as initdb made them).
    execFileSync('cp', ['-a', cached, data]);
    // The socket directory, as DrillPostgres.init hands it over.
    if (process.getuid?.() === 0)
      chownSync(this.dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), 0);
    this.port = await freePort();
    this.start();
    return this;
  }
}
