import path from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../../lib/package-root';
import { parseSettings, readSettingsJson } from '../../lib/settings-file';

const count = (what: string, max: number) =>
  z
    .number({ error: `${what} 必须是数字` })
    .int({ error: `${what} 必须是整数` })
    .min(1, { error: `${what} 至少为 1` })
    .max(max, { error: `${what} 不能超过 ${max}` });

/** The schema of `config/accountability.json`: when a cadre or unit goes on the 慢作为/不作为 list. */
export const accountabilitySettingsSchema = z.strictObject(
  {
    /** A cadre with a pair short of 一月两见 in this many months running (the list's month the last). */
    missedContactsMonths: count('missedContactsMonths', 12),
    /** A unit with problems still unanswered more than this many working days past the deadline. */
    overdueWorkdays: count('overdueWorkdays', 60),
    unsatisfied: z.strictObject(
      {
        /** This many 不满意 (a unit's result) or low scores (a cadre's service)… */
        count: count('unsatisfied.count', 100),
        /** …within this many months ending with the list's month. */
        months: count('unsatisfied.months', 12),
        /** A firm's monthly score of its cadre at or below this counts as 不满意. */
        cadreScoreAtMost: count('unsatisfied.cadreScoreAtMost', 4),
      },
      { error: 'unsatisfied 需要 count、months、cadreScoreAtMost 三项' },
    ),
  },
  { error: '问责规则设置必须是一个对象' },
);
export type AccountabilitySettings = z.infer<typeof accountabilitySettingsSchema>;

export const DEFAULT_ACCOUNTABILITY_PATH = (): string =>
  path.join(packageRoot(), 'config', 'accountability.json');

/** A settings file that cannot be used; the message names the field and what to fix. */
export class AccountabilitySettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountabilitySettingsError';
  }
}

const fail = (message: string) => new AccountabilitySettingsError(message);

/** Validates parsed JSON as accountability settings, listing every bad field. */
export function parseAccountabilitySettings(json: unknown, source = '问责规则设置'): AccountabilitySettings {
  return parseSettings(accountabilitySettingsSchema, json, source, fail);
}

/** Reads and validates the settings file. */
export function loadAccountabilitySettings(
  file: string = DEFAULT_ACCOUNTABILITY_PATH(),
): AccountabilitySettings {
  const unusable = (err: Error) => `问责规则设置文件 ${file} 读不出或不是合法的 JSON：${err.message}`;
  const json = readSettingsJson(file, { unreadable: unusable, notJson: unusable }, fail);
  return parseAccountabilitySettings(json, `问责规则设置文件 ${file}`);
}
