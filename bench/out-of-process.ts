/**
 * Helpers for benchmarks that measure a service from outside: the service runs in its own child
 * process (spawned here), the load comes from this process, and the two sides of a comparison are
 * alternated several times in one run so a busy machine hurts both alike. Prints medians and ratios.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** A TypeScript entry point run by tsx as a child process, its output kept for errors. */
export function spawnTs(
  script: string,
  args: string[],
  env: Record<string, string>,
  cwd = ROOT,
  nodeFlags: string[] = [],
): ChildProcess & { log: string[] } {
  // tsx hands node flags given before the script to the node process that runs it.
  const child = spawn(process.execPath, [TSX, ...nodeFlags, path.resolve(cwd, script), ...args], {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { log: string[] };
  child.log = [];
  const keep = (d: Buffer) => {
    child.log.push(d.toString());
    if (child.log.length > 50) child.log.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child;
}

/** Waits until `url` answers at all (any status), or fails with the child's output. */
export async function waitForHttp(url: string, child: ChildProcess & { log: string[] }, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: the server exited: ${child.log.join('')}`);
    try {
      await fetch(url);
      return;
    } catch {
      await sleep(200);
    }
  }
  throw new Error(`${url}: no answer within ${timeoutMs} ms: ${child.log.join('')}`);
}

/** Stops a child with SIGTERM (SIGKILL after 10 s) and waits for it. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Runs `measure(side, round)` for every side in turn, `rounds` times (A B A B …, the order of the
 * sides rotating each round), and returns the samples per side.
 */
export async function alternate<S extends string, R>(
  sides: readonly S[],
  rounds: number,
  measure: (side: S, round: number) => Promise<R>,
): Promise<Record<S, R[]>> {
  const out = Object.fromEntries(sides.map((s) => [s, [] as R[]])) as Record<S, R[]>;
  for (let round = 0; round < rounds; round++) {
    const order = sides.map((_, i) => sides[(i + round) % sides.length]);
    for (const side of order) out[side].push(await measure(side, round));
  }
  return out;
}

/** The 1-minute load average and core count, printed with every bench's numbers. */
export const machine = () => `load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`;

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** CPU time (user + system, ms) of every process now, by pid, from /proc (Linux). */
async function cpuByPid(): Promise<Map<number, { ppid: number; ms: number }>> {
  const { readdir, readFile } = await import('node:fs/promises');
  const stats = new Map<number, { ppid: number; ms: number }>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      // Fields after the command (which may hold spaces) in parentheses.
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(name), { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * TICK_MS });
    } catch {
      // gone meanwhile
    }
  }
  return stats;
}

/** CPU time (ms) of the processes `pids` and all their descendants, by pid. */
export async function cpuOfTrees(pids: number[]): Promise<Map<number, number>> {
  const stats = await cpuByPid();
  const wanted = new Set(pids.filter((p) => stats.has(p)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, s] of stats) {
      if (!wanted.has(pid) && wanted.has(s.ppid)) {
        wanted.add(pid);
        grew = true;
      }
    }
  }
  return new Map([...wanted].map((pid) => [pid, stats.get(pid)!.ms]));
}

/**
 * CPU (ms) used between two readings of cpuOfTrees: by the processes alive at the second, counting
 * from zero those that started in between (a process that ended in between is not counted).
 */
export function cpuBetween(before: Map<number, number>, after: Map<number, number>): number {
  let ms = 0;
  for (const [pid, t] of after) ms += t - (before.get(pid) ?? 0);
  return ms;
}
