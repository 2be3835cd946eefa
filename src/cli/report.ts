import 'reflect-metadata';
import '../lib/load-env';
import path from 'node:path';
import { buildContainer } from '../app/container';
import { loadConfig } from '../config';
import { systemClock } from '../lib/clock';
import { createLogger } from '../lib/logger';
import { AssessmentService } from '../services/assessment/assessment.service';
import { assessmentWorkbook } from '../services/assessment/assessment.xlsx';
import { parsePeriod, PERIOD_HELP } from '../services/assessment/period';
import {
  AssessmentSettingsError,
  DEFAULT_SETTINGS_PATH,
  INPUT_LABELS,
  LEVEL_LABELS,
  LEVELS,
  loadAssessmentSettings,
} from '../services/assessment/settings';

const USAGE =
  'npm run report -- assessment --period 2026H2 [--config config/assessment.json] [--out 文件.xlsx]';

const option = (argv: string[], name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? (argv[i + 1] ?? '') : undefined;
};

/**
 * `npm run report -- assessment --period P`: writes the period's 考核 workbook (one sheet per
 * level, ranked, with the inputs) and prints the same tables.
 */
export async function runReportCli(argv: string[]): Promise<number> {
  if (argv[0] !== 'assessment') {
    console.error(`用法：${USAGE}`);
    return 2;
  }
  const periodText = option(argv, '--period');
  const period = periodText ? parsePeriod(periodText) : null;
  if (!period) {
    console.error(
      `${periodText ? `看不懂考核周期“${periodText}”。` : '请用 --period 指定考核周期。'}${PERIOD_HELP}`,
    );
    return 2;
  }
  let settings;
  try {
    settings = loadAssessmentSettings(option(argv, '--config') ?? DEFAULT_SETTINGS_PATH());
  } catch (err) {
    if (err instanceof AssessmentSettingsError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  const out = path.resolve(option(argv, '--out') ?? `考核-${period.key}.xlsx`);
  const config = loadConfig();
  const c = await buildContainer(config, systemClock, createLogger(config.logLevel));
  try {
    const report = await new AssessmentService(c.ds).report(period, settings, c.calendar.current());
    for (const level of LEVELS) {
      console.log(`\n${period.label} ${LEVEL_LABELS[level]}（${report.levels[level].length}）`);
      console.table(
        report.levels[level].map((r) => ({
          排名: r.rank ?? '—',
          名称: r.name,
          得分: r.score ?? '无数据',
          ...Object.fromEntries(
            r.parts.map((p) => [
              INPUT_LABELS[p.key],
              p.value === null ? '—' : `${(p.value * 100).toFixed(1)}%`,
            ]),
          ),
        })),
      );
    }
    await (await assessmentWorkbook(report, settings)).xlsx.writeFile(out);
    console.log(`\n已写入 ${out}`);
    return 0;
  } finally {
    await c.close();
  }
}

if (require.main === module) {
  runReportCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
