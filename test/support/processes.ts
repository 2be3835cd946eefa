import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { compiledService } from './production-build';

const ROOT = path.resolve(__dirname, '../..');

/**
 * A CLI or role of the compiled service as its own process, `node dist/src/ENTRY.js ARGS` as `npm
 * start` and `npm run job` run it in production: node itself gets the signals, and a start costs
 * half the CPU of loading the TypeScript through tsx. The compile is shared by the run and remade only
 * when the sources changed (test/support/production-build.ts).
 */
export async function spawnCompiled(
  entry: string,
  args: string[],
  env: Record<string, string>,
  stdio: StdioOptions = ['ignore', 'pipe', 'pipe'],
): Promise<ChildProcess> {
  const dist = await compiledService();
  return spawn(process.execPath, [path.join(dist, entry), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio,
  });
}

/** Resolves with the child's exit code once it has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

/**
 * `n` cadres of one district, 干部1 … 干部n with WeCom accounts cadre1 … cadren, each paired since
 * 2026-01-01 with one firm (测试企业1 … 测试企业n) and no contact since.
 */
export async function pairedCadres(ds: DataSource, n: number): Promise<void> {
  await ds.query(`INSERT INTO org_unit (name, kind) VALUES ('雁塔区', 'district')`);
  await ds.query(
    `INSERT INTO person (name, mobile, unit_id, roles)
     SELECT '干部' || i, (13900000000 + i)::text, (SELECT id FROM org_unit), ARRAY['cadre']::varchar[]
     FROM generate_series(1, $1) i`,
    [n],
  );
  await ds.query(
    `INSERT INTO person_account (person_id, platform, account_id)
     SELECT id, 'wecom', 'cadre' || (mobile::bigint - 13900000000) FROM person`,
  );
  await ds.query(
    `INSERT INTO enterprise (name, credit_code, district_id)
     SELECT '测试企业' || i, lpad(i::text, 18, '0'), (SELECT id FROM org_unit) FROM generate_series(1, $1) i`,
    [n],
  );
  await ds.query(
    `INSERT INTO pairing (cadre_id, enterprise_id, started_at)
     SELECT p.id, e.id, '2026-01-01T00:00:00+08:00'
     FROM person p JOIN enterprise e ON e.name = '测试企业' || substr(p.name, 3)`,
  );
}
