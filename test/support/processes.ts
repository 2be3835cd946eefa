import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import { hostname } from 'node:os';
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

/** One JSON log line of the service (pino): its message, level and fields. */
export type LogLine = { msg?: string; level?: number; pid?: number } & Record<string, unknown>;

/** A role of the compiled service as its own process, with its log lines (stdout, pino JSON) kept. */
export interface ServiceProcess {
  role: 'all' | 'web' | 'worker';
  child: ChildProcess;
  pid: number;
  /** The name its BullMQ workers give the jobs they take (job.processedBy): host and pid. */
  workerName: string;
  lines: LogLine[];
  /** Resolves with the first line (logged so far or later) whose `msg` is `msg`; rejects if the process exits first. */
  logged(msg: string, timeoutMs?: number): Promise<LogLine>;
  /** kill -9, resolved once the process has gone. */
  kill(): Promise<void>;
}

/**
 * `node dist/src/main.js ROLE` with its stdout read line by line (set LOG_LEVEL to `info` or lower for
 * the start lines); stderr goes to the test's. Start several with Promise.all: they boot in parallel.
 */
export async function spawnService(
  role: 'all' | 'web' | 'worker',
  env: Record<string, string>,
): Promise<ServiceProcess> {
  const child = await spawnCompiled('src/main.js', [role], env, ['ignore', 'pipe', 'inherit']);
  const lines: LogLine[] = [];
  const waiting = new Set<() => void>();
  let rest = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const part of parts) {
      if (process.env.DRILL_CHILD_LOGS) process.stdout.write(`${role} ${child.pid}: ${part}\n`);
      try {
        lines.push(JSON.parse(part) as LogLine);
      } catch {
        lines.push({ msg: part });
      }
    }
    for (const wake of waiting) wake();
  });
  child.once('exit', () => {
    for (const wake of waiting) wake();
  });
  const logged = (msg: string, timeoutMs = 180_000) =>
    new Promise<LogLine>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(check);
        reject(new Error(`${role} ${child.pid} did not log "${msg}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        const line = lines.find((l) => l.msg === msg);
        const gone = child.exitCode !== null || child.signalCode !== null;
        if (!line && !gone) return;
        waiting.delete(check);
        clearTimeout(timer);
        if (line) resolve(line);
        else
          reject(
            new Error(`${role} ${child.pid} exited (${child.exitCode ?? child.signalCode}) before "${msg}"`),
          );
      };
      waiting.add(check);
      check();
    });
  return {
    role,
    child,
    pid: child.pid!,
    workerName: `${hostname()}:${child.pid}`,
    lines,
    logged,
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}
