import type { DataSource } from 'typeorm';
import type { TierThresholds } from '../../../src/config';
import { Category, Enterprise, OrgUnit, Pairing, Person } from '../../../src/entities';
import type { ProblemKind, ProblemStatus, Role, UnitKind } from '../../../src/entities/enums';
import { FixedClock } from '../../../src/lib/clock';
import { withCheckChar } from '../../../src/lib/credit-code';
import { officialCalendar } from '../../../src/services/calendar-official';
import { ProblemLedgerService } from '../../../src/services/problem-ledger.service';
import type { Actor } from '../../../src/services/problem-permissions';
import { closeTestDataSource, loadOnce, testDataSource, truncateAll } from '../../support/db';

export const TIERS: TierThresholds = { blueWithinDays: 1, redOverdueDays: 3, redRedoCount: 2 };

/** Friday 2026-11-20, 10:00 in Beijing. */
export const START = '2026-11-20T02:00:00Z';

/**
 * A tiny roster:
 *   市政府 (the campaign office: 亲商助企办, no parent) ─ 规划局 (handling), 资源局 (handling)
 *   雁塔区 ─ 雁塔住建局 (handling)          碑林区
 * Enterprises 甲 (雁塔区, cadre A, contact A) and 乙 (碑林区, cadre B, contact B).
 */
export interface Roster {
  units: {
    city: OrgUnit;
    planning: OrgUnit;
    land: OrgUnit;
    yanta: OrgUnit;
    yantaHousing: OrgUnit;
    beilin: OrgUnit;
  };
  ent: { a: Enterprise; b: Enterprise };
  people: {
    admin: Person;
    cadreA: Person;
    cadreB: Person;
    contactA: Person;
    contactB: Person;
    planner: Person;
    lander: Person;
    housing: Person;
    leaderCity: Person;
    leaderYanta: Person;
    leaderBeilin: Person;
  };
  cat: { planning: Category; land: Category; assist: Category };
}

/** The actor a person acts as. */
export function actorOf(p: Person): Actor {
  return { personId: p.id, roles: p.roles, unitId: p.unitId, enterpriseId: p.enterpriseId };
}

let mobileSeq = 0;

/** The number of people buildRoster makes: each call takes that many mobiles. */
const PEOPLE = 11;

/**
 * Inserts the roster with repository saves on the first call in a jest worker; on an empty database
 * later calls restore that call's rows and entities (loadOnce), with the same mobiles.
 */
export function buildRoster(ds: DataSource): Promise<Roster> {
  return buildRosterWith(ds, 'ledger_roster', async (r) => r);
}

/**
 * The roster and what `extend` adds to it, kept under `key` as buildRoster keeps the roster alone
 * (each fixture that extends it has a snapshot of its own).
 */
export async function buildRosterWith<T>(
  ds: DataSource,
  key: string,
  extend: (r: Roster) => Promise<T>,
): Promise<T> {
  const first = mobileSeq;
  mobileSeq += PEOPLE;
  return loadOnce(ds, key, async () => {
    const r = await saveRoster(ds, first);
    if (Object.keys(r.people).length !== PEOPLE) throw new Error('buildRoster: PEOPLE is out of date');
    return extend(r);
  });
}

/** The roster as repository saves, its mobiles numbered on from `mobileFrom`. */
async function saveRoster(ds: DataSource, mobileFrom: number): Promise<Roster> {
  let mobileSeq = mobileFrom;
  const unit = (name: string, kind: UnitKind, parent: OrgUnit | null = null) =>
    ds.getRepository(OrgUnit).save({ name, kind, parentId: parent?.id ?? null });
  const city = await unit('市政府', 'campaign');
  const planning = await unit('市规划局', 'handling', city);
  const land = await unit('市资源局', 'handling', city);
  const yanta = await unit('雁塔区', 'district');
  const yantaHousing = await unit('雁塔区住建局', 'handling', yanta);
  const beilin = await unit('碑林区', 'district');

  const enterprise = (name: string, district: OrgUnit, body: string) =>
    ds
      .getRepository(Enterprise)
      .save({ name, creditCode: withCheckChar(`91610113${body}`), districtId: district.id });
  const a = await enterprise('西安甲科技有限公司', yanta, 'MA0000001');
  const b = await enterprise('西安乙制造有限公司', beilin, 'MA0000002');

  const person = (name: string, roles: Role[], unitRow: OrgUnit | null, ent: Enterprise | null = null) =>
    ds.getRepository(Person).save({
      name,
      mobile: `139${String(++mobileSeq).padStart(8, '0')}`,
      roles,
      unitId: unitRow?.id ?? null,
      enterpriseId: ent?.id ?? null,
    });
  const people = {
    admin: await person('管理员', ['admin'], city),
    cadreA: await person('干部甲', ['cadre'], yanta),
    cadreB: await person('干部乙', ['cadre'], beilin),
    contactA: await person('联系人甲', ['contact'], null, a),
    contactB: await person('联系人乙', ['contact'], null, b),
    planner: await person('规划办理人', ['handler'], planning),
    lander: await person('资源办理人', ['handler'], land),
    housing: await person('住建办理人', ['handler'], yantaHousing),
    leaderCity: await person('市领导', ['leader'], city),
    leaderYanta: await person('雁塔区领导', ['leader'], yanta),
    leaderBeilin: await person('碑林区领导', ['leader'], beilin),
  };
  const startedAt = new Date('2026-01-01T00:00:00Z');
  await ds.getRepository(Pairing).save([
    { cadreId: people.cadreA.id, enterpriseId: a.id, startedAt },
    { cadreId: people.cadreB.id, enterpriseId: b.id, startedAt },
  ]);

  const category = (name: string, leadUnit: OrgUnit, timeLimitDays: number, kind: ProblemKind = 'problem') =>
    ds.getRepository(Category).save({ name, leadUnitId: leadUnit.id, timeLimitDays, kind });
  const cat = {
    planning: await category('规划', planning, 5),
    land: await category('土地', land, 10),
    assist: await category('帮办', planning, 3, 'assist'),
  };
  return { units: { city, planning, land, yanta, yantaHousing, beilin }, ent: { a, b }, people, cat };
}

/** A ledger on the database with a fixed clock and the official 2026 calendar. */
export function makeLedger(ds: DataSource, clock = new FixedClock(new Date(START))) {
  const calendar = officialCalendar();
  const ledger = new ProblemLedgerService(ds, { current: () => calendar }, clock, TIERS);
  return { ledger, clock, calendar };
}

/**
 * Reports a problem for enterprise 甲 (category 规划 unless `kind` is a service) and walks it to
 * `status` by the normal path. Returns its code.
 */
export async function problemIn(
  ledger: ProblemLedgerService,
  r: Roster,
  status: ProblemStatus,
  kind: 'problem' | 'assist' = 'problem',
): Promise<string> {
  const { people: p } = r;
  const category = kind === 'assist' ? r.cat.assist : r.cat.planning;
  const { problem } = await ledger.report(
    { enterpriseId: r.ent.a.id, description: '项目规划许可迟迟未批', categoryId: category.id },
    actorOf(p.contactA),
  );
  const code = problem.code;
  if (status === 'pending') return code;
  if (status === 'withdrawn') {
    await ledger.withdraw(code, actorOf(p.contactA));
    return code;
  }
  await ledger.route(code);
  if (status === 'assigned') return code;
  await ledger.accept(code, actorOf(p.planner));
  if (status === 'accepted') return code;
  await ledger.answer(code, '已协调规划局本周内出具许可', actorOf(p.planner));
  if (status === 'answered') return code;
  if (kind === 'assist') await ledger.deliver(code, actorOf(p.planner));
  await ledger.rate(code, 'satisfied', '', actorOf(p.contactA));
  return code;
}

/** What the ledger tests work with: the roster and a ledger on a fixed clock, new for each test. */
export interface LedgerFixture {
  ds: DataSource;
  r: Roster;
  ledger: ProblemLedgerService;
  clock: FixedClock;
}

/**
 * Registers the file's hooks: before each test the database is emptied, the roster built and a ledger
 * made (`bind` receives them), then `setup` runs; the connection closes after the file.
 */
export function useLedger(
  bind: (f: LedgerFixture) => void,
  setup?: (f: LedgerFixture) => Promise<void>,
): void {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await testDataSource();
  });
  beforeEach(async () => {
    await truncateAll(ds);
    const r = await buildRoster(ds);
    const { ledger, clock } = makeLedger(ds);
    const f = { ds, r, ledger, clock };
    bind(f);
    await setup?.(f);
  });
  afterAll(closeTestDataSource);
}
