import type { DataSource } from 'typeorm';
import { Enterprise, type Person } from '../../../src/entities';
import { EnterpriseLookupService } from '../../../src/services/enterprise-lookup.service';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { MOBILES, personBy, seedRoster } from './visit-fixtures';
import { refreshRosterExamples } from '../../../src/commands/parser/examples';

/** The example firm the roster gives: one of its own short names, never a made-up one. */
async function exampleFirm(): Promise<string> {
  const { firm } = await refreshRosterExamples(await testDataSource());
  expect(await (await testDataSource()).getRepository(Enterprise).existsBy({ shortName: firm })).toBe(true);
  return firm;
}

let ds: DataSource;
let lookup: EnterpriseLookupService;
let tian: Person;

beforeAll(async () => {
  ds = await testDataSource();
  await truncateAll(ds);
  await seedRoster(ds);
  lookup = new EnterpriseLookupService(ds);
  tian = await personBy(ds, MOBILES.tian);
});
afterAll(closeTestDataSource);

const found = async (query: string) => {
  const r = await lookup.lookup(query, tian.id);
  return r.kind === 'found' ? r.enterprise : r;
};

describe('enterprise lookup', () => {
  it.each([
    ['西安秦创智能装备有限公司', '西安秦创智能装备有限公司'],
    ['秦创智能', '西安秦创智能装备有限公司'],
    ['91610113MA60000R5H', '西安秦创智能装备有限公司'],
    ['91610113ma60000r5h', '西安秦创智能装备有限公司'],
    ['秦创', '西安秦创智能装备有限公司'],
    ['万年光福', '西安万年光伏科技有限公司'],
  ])('%s → one firm', async (query, name) => {
    expect(await found(query)).toMatchObject({ name });
  });

  it('marks the sender’s own firms and lists them first among close matches', async () => {
    expect(await found('秦创智能')).toMatchObject({ own: true });
    const r = await lookup.lookup('智能', tian.id);
    expect(r.kind).toBe('choices');
    if (r.kind !== 'choices') return;
    expect(r.choices[0]).toMatchObject({ name: '西安秦创智能装备有限公司', own: true });
    expect(r.choices.length).toBeGreaterThan(1);
    expect(r.choices.length).toBeLessThanOrEqual(5);
    expect(r.choices.slice(1).every((c) => !c.own)).toBe(true);
  });

  it('says what to send when nothing is close', async () => {
    expect(await lookup.lookup('完全不存在的名字', tian.id)).toEqual({
      kind: 'none',
      message: `没有找到“完全不存在的名字”。请发送企业全称、简称或统一社会信用代码，例：${await exampleFirm()}。`,
    });
  });

  it('lists a cadre’s own firms', async () => {
    expect((await lookup.ownFirms(tian.id)).map((f) => f.name)).toEqual([
      '西安万年光伏科技有限公司',
      '西安秦创智能装备有限公司',
    ]);
  });

  it('finds homophones and typos from the database, not only exact names', async () => {
    expect(await found('秦创智能装备')).toMatchObject({ name: '西安秦创智能装备有限公司' });
    const r = await lookup.lookup('秦创只能', tian.id);
    const names =
      r.kind === 'found' ? [r.enterprise.name] : r.kind === 'choices' ? r.choices.map((c) => c.name) : [];
    expect(names).toContain('西安秦创智能装备有限公司');
  });

  it('scores only a few candidates, however many firms there are', async () => {
    const candidates = await lookup.candidates('秦创智能', tian.id);
    const all = await ds.getRepository(Enterprise).count();
    expect(candidates.length).toBeLessThan(all);
    expect(candidates.find((c) => c.name === '西安秦创智能装备有限公司')).toMatchObject({ own: true });
    expect(await lookup.candidates('秦', tian.id)).toEqual([]);
  });

  it('finds a firm stored without its search columns, and one renamed since', async () => {
    const district = await ds.query(`SELECT district_id FROM enterprise LIMIT 1`);
    await ds.query(
      `INSERT INTO enterprise (name, short_name, credit_code, district_id) VALUES ('西安翠华山泉饮品有限公司', '翠华山泉', '91610113MA6TX9999X', $1)`,
      [district[0].district_id],
    );
    expect(await found('翠华山泉')).toMatchObject({ name: '西安翠华山泉饮品有限公司' });
    await ds.query(
      `UPDATE enterprise SET name = '西安终南山泉饮品有限公司', short_name = '终南山泉', search_text = NULL WHERE credit_code = '91610113MA6TX9999X'`,
    );
    expect(await found('终南山泉')).toMatchObject({ name: '西安终南山泉饮品有限公司' });
    expect((await lookup.lookup('翠华山泉', tian.id)).kind).toBe('none');
  });
});
