import { createDataSource } from '../../../ormconfig';
import { Accounts1766000000001 } from '../../../src/migrations/1766000000001-accounts';
import { MIGRATIONS } from '../../../src/migrations';
import { useScratchDatabase } from '../../support/db';

/** The accounts migration keeps the data: person columns become person_account rows, and back. */
describe('migration 1766000000001-accounts', () => {
  const url = useScratchDatabase('accounts');

  it('copies 企业微信账号 / 钉钉账号 into person_account and restores them on the way down', async () => {
    const ds = createDataSource(url);
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      // Back to just before this migration (and any after it), with people holding accounts the old way.
      const after = MIGRATIONS.length - MIGRATIONS.indexOf(Accounts1766000000001);
      for (let i = 0; i < after; i++) await ds.undoLastMigration({ transaction: 'each' });
      await ds.query(
        `INSERT INTO person (name, mobile, roles, wecom_user_id, dingtalk_user_id) VALUES
           ('张伟', '13800000001', ARRAY['cadre']::varchar[], 'zhangwei', 'dt-zhangwei'),
           ('李娜', '13800000002', ARRAY['cadre']::varchar[], 'lina', NULL),
           ('王强', '13800000003', ARRAY['handler']::varchar[], NULL, 'dt-wangqiang'),
           ('赵敏', '13800000004', ARRAY['admin']::varchar[], NULL, NULL)`,
      );

      await ds.runMigrations({ transaction: 'each' });
      const rows = await ds.query(
        `SELECT p.name, a.platform, a.account_id FROM person_account a JOIN person p ON p.id = a.person_id
         ORDER BY p.mobile, a.platform`,
      );
      expect(rows).toEqual([
        { name: '张伟', platform: 'dingtalk', account_id: 'dt-zhangwei' },
        { name: '张伟', platform: 'wecom', account_id: 'zhangwei' },
        { name: '李娜', platform: 'wecom', account_id: 'lina' },
        { name: '王强', platform: 'dingtalk', account_id: 'dt-wangqiang' },
      ]);
      const columns = await ds.query(
        `SELECT column_name FROM information_schema.columns
         WHERE table_name = 'person' AND column_name IN ('wecom_user_id', 'dingtalk_user_id')`,
      );
      expect(columns).toEqual([]);

      for (let i = 0; i < after; i++) await ds.undoLastMigration({ transaction: 'each' });
      const restored = await ds.query(
        `SELECT name, wecom_user_id, dingtalk_user_id FROM person ORDER BY mobile`,
      );
      expect(restored).toEqual([
        { name: '张伟', wecom_user_id: 'zhangwei', dingtalk_user_id: 'dt-zhangwei' },
        { name: '李娜', wecom_user_id: 'lina', dingtalk_user_id: null },
        { name: '王强', wecom_user_id: null, dingtalk_user_id: 'dt-wangqiang' },
        { name: '赵敏', wecom_user_id: null, dingtalk_user_id: null },
      ]);
      const tables = await ds.query(
        `SELECT 1 FROM information_schema.tables WHERE table_name = 'person_account'`,
      );
      expect(tables).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
