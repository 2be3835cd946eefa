/**
 * Firm lookup at city scale: 5,000 → 100,000 firms with generated Chinese names (a district prefix, a
 * two-to-four character core from a pool of common characters, an industry word, a legal suffix). At each
 * size it times `EnterpriseLookupService.lookup` (SQL candidates + JS scoring) for exact short names,
 * substrings, one-character typos, abbreviations and misses, against the old way (score every active firm
 * in JS) on a few of the same queries. Prints the median and p95 per lookup, and how often the lookup
 * found the firm the query came from.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { matchEnterprises } from '../src/commands/parser';
import { enterpriseSearchColumns } from '../src/commands/parser/enterprise-search';
import { fillSearchColumns } from '../src/repositories/enterprise-search.repository';
import { EnterpriseLookupService } from '../src/services/enterprise-lookup.service';
import autocannon from 'autocannon';
import { withThrowawayDatabase } from './bench-kit';
import { alternate, freePort, machine, median as mid, spawnTs, stop, waitForHttp } from './out-of-process';

/** Sizes at which the lookup is also measured over HTTP from outside its process (bench/servers). */
const HTTP_SIZES = new Set([5_000, 50_000, 100_000]);
const HTTP_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const HTTP_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

/** One GET to the lookup server, timed from here (keep-alive connection). */
async function timedGet(url: string): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(url);
  await res.text();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return performance.now() - t0;
}

/**
 * The lookup server in its own process, driven from this one. Per lookup: every query once in turn on
 * one connection, alternating (rounds) with two floors on the same server — an empty answer (the HTTP
 * round trip) and one `SELECT 1` (plus the database round trip) — and, at the first size only, the old
 * full scan (slow: 20 queries). Throughput: autocannon, 4 connections, the SQL lookup (alternating with
 * the full scan at the first size). Prints medians and ratios.
 */
async function overHttp(dbUrl: string, size: number, qs: string[], first: boolean): Promise<void> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawnTs('bench/servers/lookup-server.ts', [], { DATABASE_URL: dbUrl, PORT: String(port) });
  try {
    await waitForHttp(`${base}/lookup?side=floor`, server);
    const url = (side: string, q: string) => `${base}/lookup?side=${side}&q=${encodeURIComponent(q)}`;
    // Warm the JIT and the pool.
    for (const q of qs.slice(0, 50)) await timedGet(url('sql', q));
    const sides = first
      ? (['sql', 'select1', 'floor', 'scan'] as const)
      : (['sql', 'select1', 'floor'] as const);
    const each = await alternate(sides, HTTP_ROUNDS, async (side) => {
      const times: number[] = [];
      for (const q of side === 'scan' ? qs.slice(0, 20) : qs) times.push(await timedGet(url(side, q)));
      return times;
    });
    const per = (side: (typeof sides)[number]) => mid(each[side].map((ts) => mid(ts)));
    const p95of = (side: (typeof sides)[number]) => mid(each[side].map((ts) => p95(ts)));
    console.log(
      `  over HTTP at ${size.toLocaleString('en')} firms, per lookup (median of ${HTTP_ROUNDS} rounds' medians):` +
        ` SQL lookup ${per('sql').toFixed(2)} ms (p95 ${p95of('sql').toFixed(2)} ms);` +
        ` floors: empty answer ${per('floor').toFixed(2)} ms, SELECT 1 ${per('select1').toFixed(2)} ms` +
        (first ? `; old full scan ${per('scan').toFixed(0)} ms` : ''),
    );
    console.log(
      `  lookup minus the SELECT 1 floor ${(per('sql') - per('select1')).toFixed(2)} ms; lookup/SELECT 1 ×${(per('sql') / per('select1')).toFixed(1)}` +
        (first ? `; scan/lookup ×${(per('scan') / per('sql')).toFixed(0)}` : ''),
    );
    let i = 0;
    const load = async (side: 'sql' | 'scan') => {
      const r = await autocannon({
        url: base,
        connections: 4,
        duration: HTTP_SECONDS,
        timeout: 30,
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
              path: `/lookup?side=${side}&q=${encodeURIComponent(qs[i++ % qs.length])}`,
            }),
          },
        ],
      });
      return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bad: r.non2xx + r.errors };
    };
    const loads = first ? (['sql', 'scan'] as const) : (['sql'] as const);
    const samples = await alternate(loads, HTTP_ROUNDS, (side) => load(side));
    for (const side of loads) {
      const s = samples[side];
      console.log(
        `  4 connections, ${side === 'sql' ? 'SQL lookup' : 'full scan (before)'}: ${mid(s.map((x) => x.rps)).toFixed(1)} lookups/s,` +
          ` p50 ${mid(s.map((x) => x.p50))} ms, p99 ${mid(s.map((x) => x.p99))} ms, errors ${s.reduce((n, x) => n + x.bad, 0)}`,
      );
    }
    if (first) {
      const ratio = mid(samples.sql.map((x) => x.rps)) / mid(samples.scan!.map((x) => x.rps));
      console.log(`  SQL/scan throughput ×${ratio.toFixed(1)}`);
    }
    console.log(`  (${machine()})`);
  } finally {
    await stop(server);
  }
}

/** BENCH_LOOKUP_SIZES=5000,50000 picks the sizes (a quick run); the full bench goes to 100,000. */
const SIZES = (process.env.BENCH_LOOKUP_SIZES ?? '5000,25000,50000,100000').split(',').map(Number);
const QUERIES_PER_KIND = 40;
const POOL =
  '秦创智能华信恒泰达丰润鑫盛源隆昌兴福安康宏远博通天成瑞祥嘉禾佳美新星光明金银铜铁山水云海东西南北中正大方' +
  '德仁义礼和平永久长春秋冬夏雅丽英豪杰俊伟立志诚忠孝友爱文武斌彬宇航飞鹏程锦绣江河湖泽林森木火土石玉珠宝';
const INDUSTRY = ['科技', '装备', '电子', '材料', '能源', '医药', '物流', '食品', '建设', '文化'];
const SUFFIX = ['有限公司', '股份有限公司', '有限责任公司', '集团有限公司'];

const pick = (i: number, k: number, n: number) =>
  createHash('md5').update(`${i}:${k}`).digest().readUInt32BE(0) % n;

/** A deterministic firm: index → name, short name. */
function firm(i: number): { name: string; short: string; code: string } {
  const core = [0, 1, 2, 3].map((k) => POOL[pick(i, k, POOL.length)]).join('');
  const industry = INDUSTRY[pick(i, 5, INDUSTRY.length)];
  return {
    name: `西安${core}${industry}${SUFFIX[pick(i, 6, SUFFIX.length)]}`,
    short: core + industry,
    code: `91${String(i).padStart(16, '0')}`,
  };
}

/**
 * Loads firms [from, to) fast: their search columns computed here (what the import stores), rows written
 * 10,000 per statement, and the trigram index dropped during the load and built again after it (one
 * sorted build instead of 100,000 GIN insertions). Prints where the time went.
 */
async function insertFirms(ds: DataSource, from: number, to: number): Promise<void> {
  const t0 = performance.now();
  const [{ def }]: { def: string }[] = await ds.query(
    `SELECT pg_get_indexdef('idx_enterprise_search_text_trgm'::regclass) AS def`,
  );
  await ds.query(`DROP INDEX idx_enterprise_search_text_trgm`);
  let js = 0;
  for (let start = from; start < to; start += 10_000) {
    const j0 = performance.now();
    const batch = Array.from({ length: Math.min(10_000, to - start) }, (_, k) => {
      const f = firm(start + k);
      return { ...f, cols: enterpriseSearchColumns(f.name, f.short) };
    });
    js += performance.now() - j0;
    await ds.query(
      `INSERT INTO enterprise (name, short_name, credit_code, district_id,
                               name_key, short_key, name_syllables, short_syllables, search_text)
       SELECT v.n, v.s, v.c, (SELECT id FROM org_unit LIMIT 1), v.nk, v.sk, v.ns, v.ss, v.st
       FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[],
                   $6::text[], $7::text[], $8::text[]) AS v(n, s, c, nk, sk, ns, ss, st)`,
      [
        batch.map((f) => f.name),
        batch.map((f) => f.short),
        batch.map((f) => f.code),
        batch.map((f) => f.cols.nameKey),
        batch.map((f) => f.cols.shortKey),
        batch.map((f) => f.cols.nameSyllables),
        batch.map((f) => f.cols.shortSyllables),
        batch.map((f) => f.cols.searchText),
      ],
    );
  }
  const i0 = performance.now();
  await ds.query(def);
  const index = performance.now() - i0;
  // Nothing left for the lookup to fill; then what autovacuum does after an import.
  await fillSearchColumns(ds);
  await ds.query('VACUUM ANALYZE enterprise');
  console.log(
    `(loaded ${(to - from).toLocaleString('en')} firms in ${((performance.now() - t0) / 1000).toFixed(1)} s:` +
      ` search columns in JS ${(js / 1000).toFixed(1)} s, trigram index ${(index / 1000).toFixed(1)} s)`,
  );
}

/** Queries of each kind, made from firms that exist, with the name each should find. */
function queries(size: number): { kind: string; q: string; expect: string | null }[] {
  const out: { kind: string; q: string; expect: string | null }[] = [];
  for (let j = 0; j < QUERIES_PER_KIND; j++) {
    const f = firm(pick(j, 9, size));
    const s = [...f.short];
    out.push({ kind: 'exact short name', q: f.short, expect: f.name });
    out.push({ kind: 'substring', q: s.slice(0, 4).join(''), expect: f.name });
    const typo = [...s];
    typo[2] = typo[2] === '宝' ? '珠' : '宝';
    out.push({ kind: 'one-character typo', q: typo.join(''), expect: f.name });
    out.push({ kind: 'abbreviation', q: `${s[0]}${s[1]}${s[3]}${s[4]}公司`, expect: f.name });
    out.push({ kind: 'miss', q: `比亚迪汽车${j}号`, expect: null });
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)];

export async function benchEnterpriseLookup(): Promise<void> {
  await withThrowawayDatabase('lookup', async (ds, dbName) => {
    const dbUrl = new URL(
      process.env.BENCH_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    );
    dbUrl.pathname = `/${dbName}`;
    await ds.query(`INSERT INTO org_unit (name, kind) VALUES ('雁塔区', 'district')`);
    const lookup = new EnterpriseLookupService(ds);
    let have = 0;
    for (const size of SIZES) {
      await insertFirms(ds, have, size);
      have = size;
      const byKind = new Map<string, { times: number[]; hits: number; n: number }>();
      const all: number[] = [];
      for (const { kind, q, expect } of queries(size)) {
        const t0 = performance.now();
        const r = await lookup.lookup(q, null);
        const t = performance.now() - t0;
        all.push(t);
        const k = byKind.get(kind) ?? { times: [], hits: 0, n: 0 };
        k.times.push(t);
        k.n += 1;
        const names =
          r.kind === 'found' ? [r.enterprise.name] : r.kind === 'choices' ? r.choices.map((c) => c.name) : [];
        if (expect === null ? names.length === 0 : names.includes(expect)) k.hits += 1;
        byKind.set(kind, k);
      }
      // The floor under any lookup on this machine right now: one round trip to PostgreSQL.
      const rtt: number[] = [];
      for (let i = 0; i < 40; i++) {
        const t0 = performance.now();
        await ds.query('SELECT 1');
        rtt.push(performance.now() - t0);
      }
      console.log(
        `${size.toLocaleString('en')} firms: lookup median ${median(all).toFixed(2)} ms, p95 ${p95(all).toFixed(2)} ms` +
          ` (a bare SELECT 1 round trip: median ${median(rtt).toFixed(2)} ms)`,
      );
      for (const [kind, k] of byKind) {
        console.log(
          `  ${kind.padEnd(20)} median ${median(k.times).toFixed(2)} ms, found the firm ${k.hits}/${k.n}`,
        );
      }
      // The old way: every active firm loaded and scored in JS. Slow, so 3 queries, and
      // at 5,000 firms the same top answer is checked for every query.
      const old: number[] = [];
      const every = size === SIZES[0];
      let same = 0;
      const qs = queries(size);
      // Beyond the first size a few queries do: the scan takes seconds each there (minutes under load).
      const sample = every ? qs : qs.slice(0, 3);
      for (const { q } of sample) {
        const t0 = performance.now();
        const rows: { id: string; name: string; short_name: string | null; credit_code: string }[] =
          await ds.query(`SELECT id, name, short_name, credit_code FROM enterprise WHERE active`);
        const before = matchEnterprises(
          q,
          rows.map((r) => ({
            id: r.id,
            name: r.name,
            shortName: r.short_name,
            creditCode: r.credit_code,
            own: false,
          })),
        );
        old.push(performance.now() - t0);
        if (every) {
          const now = matchEnterprises(q, await lookup.candidates(q, null));
          if ((before[0]?.candidate.id ?? null) === (now[0]?.candidate.id ?? null)) same += 1;
        }
      }
      console.log(`  full scan in JS (before): median ${median(old).toFixed(0)} ms per lookup`);
      if (every) console.log(`  same best match as the full scan: ${same}/${sample.length} queries`);
      if (HTTP_SIZES.has(size))
        await overHttp(
          dbUrl.toString(),
          size,
          qs.map((x) => x.q),
          size === SIZES[0],
        );
    }
  });
}

if (require.main === module) {
  benchEnterpriseLookup().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
