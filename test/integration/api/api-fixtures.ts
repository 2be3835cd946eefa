import type { DataSource } from 'typeorm';
import { type AppHarness, HARNESS_ADMIN_TOKEN, startAppHarness } from '../../support/app-harness';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { buildRoster, type Roster } from '../ledger/ledger-fixtures';

/**
 * The web app (no workers, its clock at `now`) on the ledger roster plus what `seed` adds, made once
 * for the file; `bind` receives the roster. Returns a GET with the admin token, and the URL of a path.
 */
export function useApiOnLedgerRoster(
  now: string,
  seed: (ds: DataSource, r: Roster) => Promise<void>,
  bind: (r: Roster) => void,
): { get: (path: string) => Promise<Response>; url: (path: string) => string } {
  let app: AppHarness;
  beforeAll(async () => {
    const ds = await testDataSource();
    await truncateAll(ds);
    const r = await buildRoster(ds);
    bind(r);
    await seed(ds, r);
    app = await startAppHarness({ workers: false, now: new Date(now) });
  });
  afterAll(async () => {
    await app?.close();
    await closeTestDataSource();
  });
  const url = (path: string) => `${app.base}${path}`;
  return {
    get: (path) => fetch(url(path), { headers: { authorization: `Bearer ${HARNESS_ADMIN_TOKEN}` } }),
    url,
  };
}
