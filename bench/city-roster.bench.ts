/**
 * The generator's whole-city roster (seeds/city-roster.ts, 1,000 cadres and 3,000 firms by default,
 * `CITY_CADRES` to change it): how long it takes to write and to import end to end (read → validate
 * → write), as `npx tsx seeds/generate-roster.ts --generate 1000 --out DIR && npm run import -- DIR`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cityRoster } from '../seeds/city-roster';
import { systemClock } from '../src/lib/clock';
import { RosterImportService } from '../src/roster/roster-import.service';
import { readRoster } from '../src/roster/roster.reader';
import { mb, measure, withThrowawayDatabase } from './bench-kit';

export async function benchCityRoster(): Promise<void> {
  const cadres = Number(process.env.CITY_CADRES ?? 1000);
  const dir = await mkdtemp(path.join(tmpdir(), 'city-roster-bench-'));
  try {
    const t0 = performance.now();
    const sheets = cityRoster(cadres);
    const generateMs = performance.now() - t0;
    for (const [file, text] of Object.entries(sheets)) await writeFile(path.join(dir, file), text, 'utf8');
    const rows = (file: string) => sheets[file].trim().split('\n').length - 1;
    console.log(
      `city roster: ${cadres} cadres, ${rows('人员.csv')} people, ${rows('企业.csv')} enterprises, ` +
        `${rows('单位.csv')} units; generated (short names included) in ${(generateMs / 1000).toFixed(2)} s`,
    );
    await withThrowawayDatabase('city', async (ds) => {
      const service = new RosterImportService(ds, systemClock);
      const t1 = performance.now();
      const { result, peak } = await measure(async () => service.importRaw(await readRoster(dir)));
      if (!result.ok)
        throw new Error(
          result.errors
            .slice(0, 5)
            .map((e) => e.message)
            .join('\n'),
        );
      console.log(
        `city roster import: ${((performance.now() - t1) / 1000).toFixed(2)} s, peak rss ${mb(peak)}`,
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchCityRoster().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
