import type { DataSource } from 'typeorm';
import type { IsoMonth } from '../../lib/time';
import type { Logger } from '../../lib/logger';
import type { WorkdayCalendar } from '../workday-calendar';
import { AccountabilityService, type AccountabilityList } from './accountability.service';
import { AccountabilitySettingsError, loadAccountabilitySettings } from './settings';

/** The month's list for the 通报, or the reason there is none (bad settings are logged, not fatal). */
export async function listForReport(
  ds: DataSource,
  month: IsoMonth,
  calendar: WorkdayCalendar,
  at: Date,
  logger?: Logger,
): Promise<AccountabilityList | string> {
  try {
    return await new AccountabilityService(ds).list(month, loadAccountabilitySettings(), calendar, at);
  } catch (err) {
    if (!(err instanceof AccountabilitySettingsError)) throw err;
    logger?.error(
      { err: err.message },
      'accountability settings invalid: the 通报 goes out without the list',
    );
    return '问责规则设置有误，本期未列出，请管理员检查 config/accountability.json。';
  }
}
