import type { DataSource } from 'typeorm';
import { withCheckChar } from '../../../src/lib/credit-code';
import { directory } from '../../../src/repositories/directory.repository';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';

/**
 * Pins who must hear about a unit: the leaders whose scope (permissions/scope.ts: the subtree of their
 * unit's scope root; a campaign office's root is its parent, or the whole city) holds the unit, nearest
 * first — not only the unit's parent.
 *
 *   雁塔区 (district) ── 雁塔区亲商助企办 (campaign)
 *      └─ 雁塔区行政审批服务局 (handling) ── 审批一科 (handling) ── 审批窗口 (handling)
 *   市亲商助企办 (campaign, no parent: city-wide)
 */
let ds: DataSource;
const units: Record<string, string> = {};
let seq = 0;

async function unit(name: string, kind: string, parent: string | null): Promise<string> {
  const [row] = await ds.query<{ id: string }[]>(
    `INSERT INTO org_unit (name, kind, parent_id) VALUES ($1, $2, $3) RETURNING id`,
    [name, kind, parent ? units[parent] : null],
  );
  units[name] = row.id;
  return row.id;
}

async function person(
  name: string,
  unitName: string | null,
  roles: string[],
  active = true,
): Promise<string> {
  const [row] = await ds.query<{ id: string }[]>(
    `INSERT INTO person (name, mobile, unit_id, roles, active) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [name, `1390000${String(++seq).padStart(4, '0')}`, unitName ? units[unitName] : null, roles, active],
  );
  return row.id;
}

const names = (rs: { name: string }[]) => rs.map((r) => r.name);

beforeAll(async () => {
  ds = await testDataSource();
});
beforeEach(async () => {
  await truncateAll(ds);
  await unit('雁塔区', 'district', null);
  await unit('雁塔区亲商助企办', 'campaign', '雁塔区');
  await unit('雁塔区行政审批服务局', 'handling', '雁塔区');
  await unit('审批一科', 'handling', '雁塔区行政审批服务局');
  await unit('审批窗口', 'handling', '审批一科');
  await unit('碑林区', 'district', null);
  await unit('市亲商助企办', 'campaign', null);
});
afterAll(closeTestDataSource);

describe('DirectoryRepository.leadersOver', () => {
  it('takes the unit’s own leaders first', async () => {
    await person('科长', '审批一科', ['leader']);
    await person('局长', '雁塔区行政审批服务局', ['leader']);
    await person('区长', '雁塔区', ['leader']);
    expect(names(await directory.leadersOver(ds, units['审批一科']))).toEqual(['科长']);
  });

  it('climbs every ancestor, not only the parent: a grandchild without leaders reaches the district', async () => {
    await person('区长', '雁塔区', ['leader']);
    await person('碑林区长', '碑林区', ['leader']); // a sibling tree: never
    await person('窗口办理人', '审批窗口', ['handler']); // not a leader: never
    await person('离任局长', '雁塔区行政审批服务局', ['leader'], false); // inactive: never
    expect(names(await directory.leadersOver(ds, units['审批窗口']))).toEqual(['区长']);
  });

  it('counts a campaign office’s leaders at its parent, alongside that unit’s own', async () => {
    await person('区长', '雁塔区', ['leader']);
    await person('办主任', '雁塔区亲商助企办', ['leader']);
    expect(names(await directory.leadersOver(ds, units['审批一科']))).toEqual(['办主任', '区长']);
    // The office's own unit is in its scope too (its root is 雁塔区, an ancestor of the office).
    expect(names(await directory.leadersOver(ds, units['雁塔区亲商助企办']))).toEqual(['办主任', '区长']);
  });

  it('falls back to a city-wide office’s leaders last, and to nobody when there are none', async () => {
    expect(await directory.leadersOver(ds, units['审批窗口'])).toEqual([]);
    await person('市办主任', '市亲商助企办', ['leader']);
    expect(names(await directory.leadersOver(ds, units['审批窗口']))).toEqual(['市办主任']);
    expect(names(await directory.leadersOver(ds, units['碑林区']))).toEqual(['市办主任']);
    await person('碑林区长', '碑林区', ['leader']);
    expect(names(await directory.leadersOver(ds, units['碑林区']))).toEqual(['碑林区长']);
  });

  it('agrees with the leaders’ digest scopes: whoever it names has the unit in scope', async () => {
    await person('局长', '雁塔区行政审批服务局', ['leader']);
    await person('办主任', '雁塔区亲商助企办', ['leader']);
    await person('市办主任', '市亲商助企办', ['leader']);
    const scopes = new Map((await directory.leaderScopes(ds)).map((l) => [l.name, l.scope]));
    for (const u of ['审批窗口', '审批一科', '雁塔区行政审批服务局']) {
      for (const r of await directory.leadersOver(ds, units[u])) {
        const scope = scopes.get(r.name)!;
        expect(scope === 'all' || scope.has(units[u])).toBe(true);
      }
    }
    expect(names(await directory.leadersOver(ds, units['审批窗口']))).toEqual(['局长']);
    expect(scopes.get('办主任')).toEqual(
      new Set([
        units['雁塔区'],
        units['雁塔区亲商助企办'],
        units['雁塔区行政审批服务局'],
        units['审批一科'],
        units['审批窗口'],
      ]),
    );
    expect(scopes.get('市办主任')).toBe('all');
  });
});

describe('DirectoryRepository.contacts', () => {
  it('lists the firm’s active contacts by name, the given person first', async () => {
    const [firm] = await ds.query<{ id: string }[]>(
      `INSERT INTO enterprise (name, credit_code, district_id) VALUES ('甲公司', $1, $2) RETURNING id`,
      [withCheckChar('91610113MA6000009'), units['雁塔区']],
    );
    const add = async (name: string, active = true) => {
      const [row] = await ds.query<{ id: string }[]>(
        `INSERT INTO person (name, mobile, roles, enterprise_id, active) VALUES ($1, $2, '{contact}', $3, $4) RETURNING id`,
        [name, `1370000${String(++seq).padStart(4, '0')}`, firm.id, active],
      );
      return row.id;
    };
    await add('乙');
    const reporter = await add('丙');
    await add('甲', false);
    expect(names(await directory.contacts(ds, firm.id))).toEqual(
      ['丙', '乙'].sort((a, b) => (a < b ? -1 : 1)),
    );
    expect(names(await directory.contacts(ds, firm.id, reporter))[0]).toBe('丙');
  });
});
