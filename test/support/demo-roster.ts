import type { DataSource } from 'typeorm';
import { Enterprise, Person } from '../../src/entities';
import { FixedClock } from '../../src/lib/clock';
import { seedDemoRoster } from '../../src/roster/seed';
import type { Actor } from '../../src/services/problem-permissions';
import { loadOnce } from './db';

/** When the demo roster's pairs begin: well before the visits the tests register. */
export const ROSTER_LOADED_AT = '2026-10-01T02:00:00Z';

/** Demo roster people the visit tests use (see seeds/roster/人员.csv and 包联.csv). */
export const MOBILES = {
  /** 田振华, 干部、领导 (雁塔区): paired with 秦创智能 and 万年光伏. */
  tian: '13929000020',
  /** 于浩然, 干部 (雁塔区): paired with 朱雀金融服务. */
  yu: '13929000021',
  /** 黄立新, 管理员. */
  admin: '13929000002',
  /** 姚建国, 企业联系人 of 秦创智能. */
  contactQinchuang: '13929000051',
  /** 汪立新, 企业联系人 of 长安半导体. */
  contactChangan: '13929000052',
} as const;

/**
 * Loads the demo roster with its pairs starting on ROSTER_LOADED_AT: through the real import the first
 * time in a jest worker, from that import's snapshot afterwards when the database is empty (loadOnce).
 */
export async function seedRoster(ds: DataSource): Promise<void> {
  await loadOnce(ds, 'demo_roster_20261001', async () => {
    const outcome = await seedDemoRoster(ds, new FixedClock(new Date(ROSTER_LOADED_AT)));
    if (!outcome.ok) throw new Error(outcome.errors.map((e) => e.message).join('\n'));
  });
}

export const personBy = (ds: DataSource, mobile: string) =>
  ds.getRepository(Person).findOneByOrFail({ mobile });

export const firmBy = (ds: DataSource, shortName: string) =>
  ds.getRepository(Enterprise).findOneByOrFail({ shortName });

/** The actor a roster person acts as. */
export function actorOf(p: Person): Actor {
  return { personId: p.id, roles: p.roles, unitId: p.unitId, enterpriseId: p.enterpriseId };
}
