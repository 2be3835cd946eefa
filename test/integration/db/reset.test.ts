import type { DataSource } from 'typeorm';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';

let ds: DataSource;
beforeAll(async () => {
  ds = await testDataSource();
});
afterAll(closeTestDataSource);

describe('the per-test reset (truncateAll)', () => {
  it('empties every table, whatever references what, and restarts the sequences they own', async () => {
    await truncateAll(ds);
    const [unit] = await ds.query(
      `INSERT INTO org_unit (name, kind) VALUES ('雁塔区', 'district') RETURNING id`,
    );
    await ds.query(
      `INSERT INTO person (name, mobile, unit_id, roles) VALUES ('干部', '13900000001', $1, '{cadre}')`,
      [unit.id],
    );
    const insert = () =>
      ds.query(
        `INSERT INTO outbound_message (idempotency_key, channel, target, payload)
         VALUES ('k' || random(), 'wecom_app', 'u', '{}') RETURNING id::int AS id`,
      );
    await insert();
    const [second] = await insert();
    expect(second.id).toBe(2);
    await truncateAll(ds);
    for (const m of ds.entityMetadatas) {
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM "${m.tableName}"`);
      expect([m.tableName, n]).toEqual([m.tableName, 0]);
    }
    const [first] = await insert();
    expect(first.id).toBe(1);
    // Foreign keys hold again after the reset.
    await expect(
      ds.query(
        `INSERT INTO person (name, mobile, unit_id, roles) VALUES ('x', '13900000002', $1, '{cadre}')`,
        [unit.id],
      ),
    ).rejects.toThrow(/foreign key/);
  });
});
