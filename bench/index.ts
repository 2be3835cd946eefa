/**
 * `npm run bench`: every benchmark in turn, each in its own throwaway database. Prints numbers only;
 * nothing here asserts a timing.
 */
import { benchAckPath } from './ack-path.bench';
import { benchCityRoster } from './city-roster.bench';
import { benchConsoleLedger } from './console-ledger.bench';
import { benchCharts } from './chart.bench';
import { benchEnterpriseLookup } from './enterprise-lookup.bench';
import { benchManyProcesses } from './many-processes.bench';
import { benchRecurring } from './recurring.bench';
import { benchReminders } from './reminders.bench';
import { benchRosterImport } from './roster-import.bench';
import { benchSupervision } from './supervision.bench';
import { benchUnderstand } from './understand.bench';

async function main(): Promise<void> {
  const only = process.argv[2];
  const benches: [string, () => Promise<void>][] = [
    ['roster', benchRosterImport],
    ['city', benchCityRoster],
    ['lookup', benchEnterpriseLookup],
    ['ack-path', benchAckPath],
    ['reminders', benchReminders],
    ['many', benchManyProcesses],
    ['supervision', benchSupervision],
    ['understand', benchUnderstand],
    ['recurring', benchRecurring],
    ['console', benchConsoleLedger],
    ['charts', benchCharts],
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
