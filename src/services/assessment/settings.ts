import path from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../../lib/package-root';
import { parseSettings, readSettingsJson } from '../../lib/settings-file';

/** The figures an assessment score can weigh, each normalised to 0–1 (see README, 考核评分). */
export const INPUT_KEYS = [
  'compliance',
  'problemsPerPair',
  'response',
  'resolution',
  'onTime',
  'cadreRating',
  'unitRating',
  'satisfactionAfterCheck',
] as const;
export type InputKey = (typeof INPUT_KEYS)[number];

/** Chinese names of the inputs, for spreadsheets, the console and error messages. */
export const INPUT_LABELS: Record<InputKey, string> = {
  compliance: '一月两见达标率',
  problemsPerPair: '每对包联发现问题',
  response: '响应率',
  resolution: '解决率',
  onTime: '按时办结率',
  cadreRating: '企业对干部评分',
  unitRating: '企业对单位评价',
  satisfactionAfterCheck: '质检后满意率',
};

export const LEVELS = ['cadre', 'unit', 'district'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = { cadre: '干部', unit: '办理单位', district: '区县' };

const weight = z
  .number({ error: '权重必须是数字' })
  .min(0, { error: '权重不能为负数' })
  .max(1000, { error: '权重不能超过 1000' });

const weights = z
  .partialRecord(z.enum(INPUT_KEYS), weight, {
    // A bad key is named (zod reports it on the record); a missing or non-object section is said so.
    // zod reports unknown keys of a partial record on the record itself; its typings do not list that code.
    error: (iss) => {
      const unknown = (iss as { code: string; keys?: string[] }).keys;
      return unknown
        ? `未知指标 ${unknown.join('、')}，指标只能是：${INPUT_KEYS.join('、')}`
        : '需要一个对象：指标 → 权重';
    },
  })
  .refine((w) => Object.values(w).some((v) => (v ?? 0) > 0), { error: '至少要有一个指标的权重大于 0' });

const verdictScore = z
  .number({ error: '评价分值必须是数字' })
  .min(0)
  .max(1, { error: '评价分值在 0 到 1 之间' });

/** The schema of `config/assessment.json`. */
export const assessmentSettingsSchema = z.strictObject(
  {
    weights: z.strictObject(
      { cadre: weights, unit: weights, district: weights },
      { error: 'weights 需要 cadre、unit、district 三项' },
    ),
    /** Problems found per pair per month that earn the full mark of problemsPerPair. */
    problemsPerPairPerMonth: z.number({ error: 'problemsPerPairPerMonth 必须是数字' }).positive({
      error: 'problemsPerPairPerMonth 必须大于 0',
    }),
    /** What each verdict is worth in unitRating (满意 / 基本满意 / 不满意). */
    verdictScores: z.strictObject(
      { satisfied: verdictScore, basic: verdictScore, unsatisfied: verdictScore },
      { error: 'verdictScores 需要 satisfied、basic、unsatisfied 三项（0 到 1）' },
    ),
    /** An input without data: left out with its weight (skip) or counted as 0 (zero). */
    missing: z.enum(['skip', 'zero'], { error: 'missing 只能是 skip 或 zero' }),
  },
  { error: '考核设置必须是一个对象' },
);
export type AssessmentSettings = z.infer<typeof assessmentSettingsSchema>;

/** The settings file the service and `npm run report` read unless told otherwise. */
export const DEFAULT_SETTINGS_PATH = (): string => path.join(packageRoot(), 'config', 'assessment.json');

/** A settings file that cannot be used; the message says which field and what to fix, in Chinese. */
export class AssessmentSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssessmentSettingsError';
  }
}

const fail = (message: string) => new AssessmentSettingsError(message);

/** Validates parsed JSON as assessment settings; every problem is listed with its field path. */
export function parseAssessmentSettings(json: unknown, source = '考核设置'): AssessmentSettings {
  return parseSettings(assessmentSettingsSchema, json, source, fail);
}

/** Reads and validates a settings file. */
export function loadAssessmentSettings(file: string = DEFAULT_SETTINGS_PATH()): AssessmentSettings {
  const json = readSettingsJson(
    file,
    {
      unreadable: () => `找不到考核设置文件 ${file}`,
      notJson: (err) => `考核设置文件 ${file} 不是合法的 JSON：${err.message}`,
    },
    fail,
  );
  return parseAssessmentSettings(json, `考核设置文件 ${file}`);
}
