/**
 * Roster import at campaign scale: 10,000 people and 50,000 enterprises (with pairings), written as CSV files
 * and imported end to end (read → load existing keys → validate → write) into a fresh, migrated database,
 * exactly the path of `npm run import -- FOLDER`. Runs three imports: fresh, identical again, and with 5,000
 * pairings handed to other cadres. Prints wall time per phase and peak RSS.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { withCheckChar } from '../src/lib/credit-code';
import { systemClock } from '../src/lib/clock';
import { RosterImportService } from '../src/roster/roster-import.service';
import { readRoster } from '../src/roster/roster.reader';
import { mb, measure, withThrowawayDatabase } from './bench-kit';

const PEOPLE = 10_000;
const ENTERPRISES = 50_000;
const CADRES = 8_000;
const DISTRICTS = 22;
const HANDLING = 40;
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function orgPart(n: number): string {
  let s = '';
  for (let i = 0; i < 7; i++, n = Math.floor(n / 31)) s = CHARSET[n % 31] + s;
  return s;
}

/** CSV texts of a synthetic roster; `shift` hands the first `shift` enterprises to the next cadre. */
function generate(shift = 0): Record<string, string> {
  const lines = (header: string, rows: string[]) => [header, ...rows].join('\n') + '\n';
  const districts = Array.from({ length: DISTRICTS }, (_, i) => `区县${i + 1}`);
  const units = [
    ...districts.map((d, i) => `${d},${i % 4 === 3 ? '开发区' : '区县'},`),
    ...Array.from(
      { length: HANDLING },
      (_, i) => `办理单位${i + 1},办理单位,${i % 2 ? districts[i % DISTRICTS] : ''}`,
    ),
    '亲商助企办,市级部门,',
  ];
  const mobile = (i: number) => `15${String(i).padStart(9, '0')}`;
  const code = (i: number) => withCheckChar(`91610100MA${orgPart(i)}`);
  const people: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const cadre = i < CADRES;
    const unit = cadre ? districts[i % DISTRICTS] : `办理单位${(i % HANDLING) + 1}`;
    const roles = cadre ? (i % 100 === 0 ? '干部、领导' : '干部') : i % 2 ? '办理人' : '企业联系人';
    const firm = roles === '企业联系人' ? code(i) : '';
    people.push(`干部${i},${mobile(i)},${unit},${roles},user${i},,${firm}`);
  }
  const enterprises: string[] = [];
  const pairs: string[] = [];
  for (let i = 0; i < ENTERPRISES; i++) {
    enterprises.push(
      `西安测试企业${i}有限公司,测试${i},${code(i)},${districts[i % DISTRICTS]},制造业,${i % 10 ? '企业' : '项目单位'}`,
    );
    const cadre = (i + (i < shift ? 1 : 0)) % CADRES;
    pairs.push(`${mobile(cadre)},${i % 3 === 0 ? `测试${i}` : code(i)}`);
  }
  const categories = Array.from(
    { length: 15 },
    (_, i) => `类别${i},办理单位${i + 1},${5 + i},关键词${i}a、关键词${i}b`,
  );
  const chats = Array.from(
    { length: 5_000 },
    (_, i) =>
      `企业微信,wr-bench-${i},企业群,${code(i)},https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=demo-${i},`,
  );
  return {
    单位: lines('名称*,类型*,上级单位', units),
    人员: lines('姓名*,手机*,单位*,角色*,企业微信账号,钉钉账号,所属企业', people),
    企业: lines('企业名称*,简称,统一社会信用代码*,所属区县*,行业,类型', enterprises),
    包联: lines('干部手机*,企业*', pairs),
    问题类别: lines('类别*,牵头单位*,办理时限（工作日）*,关键词', categories),
    群聊: lines('平台*,群ID*,用途*,绑定对象*,群机器人地址,群机器人密钥', chats),
    节假日: lines('日期*,类型*,名称', ['2027-01-01,休,元旦']),
  };
}

async function writeRoster(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files))
    await writeFile(path.join(dir, `${name}.csv`), text, 'utf8');
}

/** Generates the roster, imports it three times into a temporary database and prints the measurements. */
export async function benchRosterImport(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'roster-bench-'));
  try {
    await withThrowawayDatabase('roster', async (ds) => {
      const service = new RosterImportService(ds, systemClock);
      console.log(
        `roster import bench: ${PEOPLE} people (${CADRES} cadres), ${ENTERPRISES} enterprises and pairings`,
      );
      console.log(`rss before: ${mb(process.memoryUsage.rss())}`);
      for (const [label, shift] of [
        ['fresh import', 0],
        ['same roster again', 0],
        ['5,000 pairings reassigned', 5_000],
      ] as const) {
        await writeRoster(dir, generate(shift));
        const t0 = performance.now();
        const { result, peak } = await measure(async () => {
          const raw = await readRoster(dir);
          const t1 = performance.now();
          const outcome = await service.importRaw(raw);
          return { outcome, readMs: t1 - t0, importMs: performance.now() - t1 };
        });
        if (!result.outcome.ok)
          throw new Error(
            result.outcome.errors
              .slice(0, 5)
              .map((e) => e.message)
              .join('\n'),
          );
        const c = result.outcome.counts;
        console.log(
          `${label}: ${((performance.now() - t0) / 1000).toFixed(2)} s total ` +
            `(read CSV ${(result.readMs / 1000).toFixed(2)} s, validate + write ${(result.importMs / 1000).toFixed(2)} s), ` +
            `peak rss ${mb(peak)}; 人员 +${c['人员'].created}/~${c['人员'].updated}, ` +
            `企业 +${c['企业'].created}/~${c['企业'].updated}, 包联 +${c['包联'].created} ended ${c['包联'].ended}`,
        );
      }
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM pairing WHERE ended_at IS NULL`);
      console.log(
        `open pairings at the end: ${n}; process max rss: ${mb(process.resourceUsage().maxRSS * 1024)}`,
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchRosterImport().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
