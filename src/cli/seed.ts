import '../lib/load-env';
import { createDataSource } from '../../ormconfig';
import { loadConfig } from '../config';
import { systemClock } from '../lib/clock';
import { formatCounts } from '../roster/roster-import.service';
import { DEMO_ROSTER_DIR, seedDemoRoster } from '../roster/seed';
import { seedOutreachDemo } from '../services/outreach/demo-seed';

/** `npm run seed`: loads the demo roster from seeds/roster through the regular import; safe to repeat. */
async function main(): Promise<number> {
  const ds = createDataSource(loadConfig().databaseUrl);
  await ds.initialize();
  try {
    const outcome = await seedDemoRoster(ds, systemClock);
    if (!outcome.ok) {
      for (const error of outcome.errors) console.error(error.message);
      return 1;
    }
    console.log(`已载入演示花名册（${DEMO_ROSTER_DIR}）：`);
    for (const line of formatCounts(outcome.counts)) console.log(`  ${line}`);
    for (const line of await seedOutreachDemo(ds, systemClock)) console.log(`  演示：${line}`);
    return 0;
  } finally {
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
