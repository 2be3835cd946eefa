import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { closeTestDataSource, testDatabaseUrl, testDataSource, truncateAll } from '../../support/db';
import { type Grid, tablesWith, validTables } from '../../fixtures/roster/roster.builder';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');

let ds: DataSource;
let dir: string;

async function writeFolder(tables: Record<string, Grid>): Promise<void> {
  for (const [name, grid] of Object.entries(tables)) {
    await writeFile(path.join(dir, `${name}.csv`), grid.map((r) => r.join(',')).join('\n'), 'utf8');
  }
}

/** Runs `npm run import -- dir` the way an operator does (tsx, no TTY), against this worker's database. */
async function importCli(): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    // `node --import tsx`: the TypeScript in one process (the tsx CLI would start a second one).
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', dir], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: testDatabaseUrl() },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  ds = await testDataSource();
});
beforeEach(async () => {
  await truncateAll(ds);
  dir = await mkdtemp(path.join(tmpdir(), 'roster-cli-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));
afterAll(closeTestDataSource);

describe('npm run import', () => {
  it('prints every error in Chinese, exits 1 and writes nothing', async () => {
    await writeFolder(tablesWith(['人员', 4, '手机', '1381234567'], ['节假日', 3, '类型', '假']));
    const { code, stdout, stderr } = await importCli();
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      '人员 第4行 手机：“1381234567” 不是有效的11位手机号\n节假日 第3行 类型：“假” 不是有效的类型',
    );
    expect(stderr).toContain('共 2 处错误，未写入任何数据');
    expect(await ds.query(`SELECT count(*)::int AS n FROM org_unit`)).toEqual([{ n: 0 }]);
  }, 60_000);

  it('imports a good folder and prints the counts', async () => {
    await writeFolder(validTables());
    const { code, stdout } = await importCli();
    expect(code).toBe(0);
    expect(stdout).toContain('人员：新增 5，更新 0，未变 0');
    expect(stdout).toContain('包联：新增 3，更新 0，未变 0，结束 0');
    expect(await ds.query(`SELECT count(*)::int AS n FROM person`)).toEqual([{ n: 5 }]);
  }, 60_000);
});
