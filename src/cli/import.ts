import '../lib/load-env';
import { createDataSource } from '../../ormconfig';
import { loadConfig } from '../config';
import { systemClock } from '../lib/clock';
import { ImportProgressBar, PROGRESS_THRESHOLD } from '../roster/import-progress';
import { formatCounts, RosterImportService } from '../roster/roster-import.service';
import { readRoster } from '../roster/roster.reader';
import type { RawRoster } from '../roster/roster.types';

const rowCount = (raw: RawRoster) =>
  Object.values(raw).reduce((n, sheet) => n + (sheet?.rows.length ?? 0), 0);

/** `npm run import -- FILE`: validates a roster workbook or CSV folder and imports it, all or nothing. */
async function main(): Promise<number> {
  const source = process.argv[2];
  if (!source) {
    console.error('用法：npm run import -- 花名册.xlsx（或包含 单位.csv 等文件的文件夹）');
    return 2;
  }
  const raw = await readRoster(source);
  const ds = createDataSource(loadConfig().databaseUrl);
  await ds.initialize();
  const bar = process.stdout.isTTY && rowCount(raw) >= PROGRESS_THRESHOLD ? new ImportProgressBar() : null;
  try {
    const outcome = await new RosterImportService(ds, systemClock).importRaw(raw, {
      onProgress: bar?.onProgress,
    });
    bar?.stop();
    if (!outcome.ok) {
      for (const error of outcome.errors) console.error(error.message);
      console.error(`导入失败：共 ${outcome.errors.length} 处错误，未写入任何数据。`);
      return 1;
    }
    console.log('导入完成：');
    for (const line of formatCounts(outcome.counts)) console.log(`  ${line}`);
    return 0;
  } finally {
    bar?.stop();
    await ds.destroy();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`导入失败：${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
