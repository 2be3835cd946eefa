import 'reflect-metadata';
import '../lib/load-env';
import { createDataSource } from '../../ormconfig';
import { buildContainer, type Container } from '../app/container';
import { buildSending } from '../app/sending';
import { loadConfig } from '../config';
import { systemClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import { ImportProgressBar, PROGRESS_THRESHOLD } from '../roster/import-progress';
import { formatCounts, RosterImportService, type ImportOptions } from '../roster/roster-import.service';
import { sendRosterNotices } from '../roster/roster-notices';
import { readRoster } from '../roster/roster.reader';
import type { RawRoster } from '../roster/roster.types';

const rowCount = (raw: RawRoster) =>
  Object.values(raw).reduce((n, sheet) => n + (sheet?.rows.length ?? 0), 0);

/**
 * `npm run import -- FILE`: validates a roster workbook or CSV folder and imports it, all or nothing,
 * with the service's settings. Cadres whose pairings changed and the admins (people taken out of
 * service) are told through the outbox; without Redis the import still runs, without notices.
 */
async function main(): Promise<number> {
  const source = process.argv[2];
  if (!source) {
    console.error('用法：npm run import -- 花名册.xlsx（或包含 单位.csv 等文件的文件夹）');
    return 2;
  }
  const raw = await readRoster(source);
  const config = loadConfig();
  const container = await buildContainer(config, systemClock, createLogger('error')).catch((err: unknown) => {
    console.warn(
      `（无法连接 Redis，本次导入不发送通知：${err instanceof Error ? err.message : String(err)}）`,
    );
    return null;
  });
  const ds = container?.ds ?? createDataSource(config.databaseUrl);
  if (!ds.isInitialized) await ds.initialize();
  const bar = process.stdout.isTTY && rowCount(raw) >= PROGRESS_THRESHOLD ? new ImportProgressBar() : null;
  const notices = { cadres: 0, admins: 0, unreachable: 0 };
  const afterWrite: ImportOptions['afterWrite'] = container
    ? async (m, changes) => {
        Object.assign(notices, await sendRosterNotices(m, notifierOf(container), changes));
      }
    : undefined;
  try {
    const outcome = await new RosterImportService(ds, systemClock).importRaw(raw, {
      onProgress: bar?.onProgress,
      afterWrite,
    });
    bar?.stop();
    if (!outcome.ok) {
      for (const error of outcome.errors) console.error(error.message);
      console.error(`导入失败：共 ${outcome.errors.length} 处错误，未写入任何数据。`);
      return 1;
    }
    console.log('导入完成：');
    for (const line of formatCounts(outcome.counts)) console.log(`  ${line}`);
    const out = outcome.changes.outOfService;
    if (out.length) console.log(`  停用/离岗：${out.length} 人（已列给管理员重新分配）`);
    if (outcome.changes.movedProblems.length)
      console.log(`  随企业转交新干部的未办结问题：${outcome.changes.movedProblems.length} 个`);
    if (container) {
      console.log(`  已通知包联变化的干部 ${notices.cadres} 人、管理员 ${notices.admins} 人`);
      if (notices.unreachable) console.log(`  有 ${notices.unreachable} 名管理员无可用账号，未能通知`);
    }
    return 0;
  } finally {
    bar?.stop();
    if (container) await container.close();
    else await ds.destroy();
  }
}

let sending: ReturnType<typeof buildSending> | null = null;
const notifierOf = (c: Container) => (sending ??= buildSending(c)).notifier;

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`导入失败：${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
