import type { DataSource } from 'typeorm';
import { PolicyRepository } from '../../repositories/policy.repository';

/** For 我的企业: the cadre's firms that have not said 已阅 to a pushed policy, one line for all. */
export function unacknowledgedLines(ds: DataSource): (cadreId: string) => Promise<string[]> {
  const repo = new PolicyRepository(ds);
  return async (cadreId) => {
    const rows = await repo.unacknowledgedFor(cadreId);
    if (rows.length === 0) return [];
    const list = rows.map((r) => `${r.firm}（政策 ${r.numbers.join('、')}）`).join('；');
    return [`未确认已阅的政策：${list}。请提醒企业在群里回复“已阅”。`];
  };
}
