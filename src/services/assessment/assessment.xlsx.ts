import type * as ExcelJS from 'exceljs';
import type { AssessmentReport } from './assessment.service';
import { type AssessmentSettings, INPUT_KEYS, INPUT_LABELS, LEVEL_LABELS, LEVELS } from './settings';

const GROUP_HEADERS = { cadre: '所在单位', unit: '上级单位', district: '上级' } as const;

/**
 * The assessment as a workbook: one sheet per level (干部, 办理单位, 区县), ranked, each input's
 * value, weight and the figures behind it, and a sheet stating the formula and weights used.
 */
export async function assessmentWorkbook(
  report: AssessmentReport,
  settings: AssessmentSettings,
): Promise<ExcelJS.Workbook> {
  // exceljs (≈ 300 modules) is loaded by the export that uses it, not by every process that starts.
  const { default: excel } = await import('exceljs');
  const wb = new excel.Workbook();
  wb.creator = '千人亲商助企';
  for (const level of LEVELS) {
    const keys = INPUT_KEYS.filter((k) => (settings.weights[level][k] ?? 0) > 0);
    const ws = wb.addWorksheet(LEVEL_LABELS[level], { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.addRow([
      `${report.period.label}${LEVEL_LABELS[level]}考核得分（${report.period.from} 至 ${report.period.to}）`,
    ]);
    ws.getRow(1).font = { bold: true, size: 13 };
    const header = ws.addRow([
      '排名',
      LEVEL_LABELS[level],
      GROUP_HEADERS[level],
      '得分',
      ...keys.flatMap((k) => [
        `${INPUT_LABELS[k]}（权重 ${settings.weights[level][k]}）`,
        `${INPUT_LABELS[k]}依据`,
      ]),
    ]);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle' };
    ws.columns = [
      { width: 6 },
      { width: 22 },
      { width: 18 },
      { width: 8 },
      ...keys.flatMap(() => [{ width: 14 }, { width: 30 }]),
    ];
    for (const row of report.levels[level]) {
      ws.addRow([
        row.rank ?? '—',
        row.name,
        row.group ?? '',
        row.score ?? '无数据',
        ...keys.flatMap((k) => {
          const part = row.parts.find((p) => p.key === k);
          return [
            part?.value === null || !part ? '无数据' : `${(part.value * 100).toFixed(1)}%`,
            part?.basis ?? '',
          ];
        }),
      ]);
    }
  }
  const about = wb.addWorksheet('计分说明');
  about.columns = [{ width: 14 }, { width: 20 }, { width: 10 }];
  about.addRow(['得分 = 100 × Σ(权重 × 指标值) ÷ Σ权重；指标值 0–1。']);
  about.addRow([
    settings.missing === 'skip' ? '没有数据的指标不计入，其权重也不计入分母。' : '没有数据的指标按 0 计。',
  ]);
  about.addRow([
    `每对包联发现问题：每对每月 ${settings.problemsPerPairPerMonth} 件为满分；企业对干部评分：(平均分 − 1) ÷ 4；` +
      `企业对单位评价：满意 ${settings.verdictScores.satisfied}、基本满意 ${settings.verdictScores.basic}、不满意 ${settings.verdictScores.unsatisfied}。`,
  ]);
  about.addRow([]);
  about.addRow(['层级', '指标', '权重']).font = { bold: true };
  for (const level of LEVELS) {
    for (const k of INPUT_KEYS) {
      const w = settings.weights[level][k] ?? 0;
      if (w > 0) about.addRow([LEVEL_LABELS[level], INPUT_LABELS[k], w]);
    }
  }
  return wb;
}
