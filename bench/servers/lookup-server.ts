/**
 * The firm lookup behind HTTP, for the out-of-process part of bench/enterprise-lookup.bench.ts:
 * `GET /lookup?side=sql&q=…` runs EnterpriseLookupService.lookup (SQL candidates, JS scoring of those);
 * `side=scan` does what every firm-naming command did before: load every active firm and score them
 * all in JS; `side=floor` answers at once and `side=select1` after one `SELECT 1` (the floors under any
 * lookup). Answers the best firm's id (or nothing). DATABASE_URL and PORT from the environment.
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import { createDataSource } from '../../ormconfig';
import { matchEnterprises } from '../../src/commands/parser';
import { EnterpriseLookupService } from '../../src/services/enterprise-lookup.service';

async function main(): Promise<void> {
  const ds = createDataSource(process.env.DATABASE_URL ?? '', { extra: { max: 10 } });
  await ds.initialize();
  const lookup = new EnterpriseLookupService(ds);
  const scan = async (q: string) => {
    const rows: { id: string; name: string; short_name: string | null; credit_code: string }[] =
      await ds.query(`SELECT id, name, short_name, credit_code FROM enterprise WHERE active`);
    const ranked = matchEnterprises(
      q,
      rows.map((r) => ({
        id: r.id,
        name: r.name,
        shortName: r.short_name,
        creditCode: r.credit_code,
        own: false,
      })),
    );
    return ranked[0]?.candidate.id ?? '';
  };
  createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const q = u.searchParams.get('q') ?? '';
    const side = u.searchParams.get('side');
    // Floors: `floor` answers at once (the HTTP round trip), `select1` after one `SELECT 1`.
    const work =
      side === 'floor'
        ? Promise.resolve('')
        : side === 'select1'
          ? ds.query('SELECT 1').then(() => '')
          : side === 'scan'
            ? scan(q)
            : lookup.lookup(q, null).then((r) => (r.kind === 'found' ? r.enterprise.id : ''));
    work.then(
      (id) => res.end(id),
      (err: unknown) => {
        res.statusCode = 500;
        res.end(String(err));
      },
    );
  }).listen(Number(process.env.PORT), '127.0.0.1');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
