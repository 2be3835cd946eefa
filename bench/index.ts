/**
 * `npm run bench`: every benchmark in turn, each in its own throwaway database. Prints numbers only;
 * nothing here asserts a timing. A bench module that is not in this checkout yet is skipped.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { benchEnterpriseLookup } from './enterprise-lookup.bench';
import { benchReminders } from './reminders.bench';
import { benchRosterImport } from './roster-import.bench';
import { benchSupervision } from './supervision.bench';
import { benchUnderstand } from './understand.bench';

/** The HTTP ack-path bench (bench/ack-path.bench.ts) is written separately; run it when present. */
async function benchAckPath(): Promise<void> {
  const file = path.join(__dirname, 'ack-path.bench.ts');
  if (!existsSync(file)) {
    console.log('ack-path bench: bench/ack-path.bench.ts is not in this checkout; skipped');
    return;
  }
  const mod = (await import(file)) as { benchAckPath?: () => Promise<void> };
  if (!mod.benchAckPath) throw new Error('bench/ack-path.bench.ts must export benchAckPath()');
  await mod.benchAckPath();
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const benches: [string, () => Promise<void>][] = [
    ['roster', benchRosterImport],
    ['lookup', benchEnterpriseLookup],
    ['ack-path', benchAckPath],
    ['reminders', benchReminders],
    ['supervision', benchSupervision],
    ['understand', benchUnderstand],
  ];
  for (const [name, run] of benches) {
    if (only && only !== name) continue;
    console.log(`\n== ${name} ==`);
    await run();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
