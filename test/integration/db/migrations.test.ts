import { createDataSource } from '../../../ormconfig';
import { useScratchDatabase } from '../../support/db';

/** Migrations on an empty database: apply, match the entities exactly, revert to nothing. */
describe('migrations', () => {
  const url = useScratchDatabase('migr');

  it('apply to an empty database, leave nothing for synchronize to do, and revert cleanly', async () => {
    const ds = createDataSource(url);
    await ds.initialize();
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      expect(applied.length).toBeGreaterThan(0);

      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);

      for (let i = 0; i < applied.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      const left = await ds.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
      );
      expect(left).toEqual([]);
    } finally {
      await ds.destroy();
    }
  });
});
