import type { DataSource } from 'typeorm';
import { column, sheet, text, type Store } from '../../../src/roster/column';
import { upsertSheet } from '../../../src/roster/roster-upsert';
import { columnsOf, SHEET_NAMES, sheetOf } from '../../../src/roster/roster.sheets';
import { readSheet } from '../../../src/roster/validation/read-sheet';
import { ValidationContext } from '../../../src/roster/validation/validation-context';
import { emptyExisting, type RawRow } from '../../../src/roster/roster.types';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';

/** The table each sheet's generic upsert writes (roster.repository.ts). */
const TABLE_OF: Record<string, string> = {
  单位: 'org_unit',
  人员: 'person',
  企业: 'enterprise',
  问题类别: 'category',
  群聊: 'group_chat',
  节假日: 'holiday',
};

let ds: DataSource;

beforeAll(async () => {
  ds = await testDataSource();
});
afterAll(async () => {
  await closeTestDataSource();
});
beforeEach(async () => {
  await truncateAll(ds);
});

describe('roster column declarations', () => {
  it('store every value in a column its table has (and references a table by a column it has)', async () => {
    const columns = new Set(
      (
        await ds.query<{ t: string; c: string }[]>(
          `SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public'`,
        )
      ).map((r) => `${r.t}.${r.c}`),
    );
    const missing: string[] = [];
    for (const name of SHEET_NAMES) {
      const table = TABLE_OF[name];
      if (!table) continue;
      const stores: Store[] = [
        ...columnsOf(name).flatMap((c) => (c.store ? [c.store] : [])),
        ...Object.values(sheetOf(name).derivedStores ?? {}).flatMap((s) => (s ? [s] : [])),
      ];
      for (const store of stores) {
        if ('written' in store) continue;
        if (!columns.has(`${table}.${store.column}`)) missing.push(`${name}: ${table}.${store.column}`);
        if ('ref' in store && !columns.has(`${store.ref.table}.${store.ref.key}`))
          missing.push(`${name}: ${store.ref.table}.${store.ref.key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('a new column is one entry: its check, its row field and its write follow from the declaration', async () => {
    // A sheet like 节假日 with one more stored column than the real one (name).
    const HOLIDAYS = sheet({
      columns: {
        date: text('日期', { unique: (d) => d, store: { column: 'date', type: 'date' } }),
        kind: column<'off' | 'work'>(
          '类型',
          (raw, at) => (raw === '休' ? 'off' : raw === '班' ? 'work' : at.fail(`“${raw}” 不对`)),
          { required: true, store: { column: 'kind', type: 'varchar' } },
        ),
        name: column('名称', (raw) => raw, {
          maxLength: 4,
          blank: () => '',
          store: { column: 'name', type: 'varchar' },
        }),
      },
    });
    const rows: RawRow[] = [
      { sheet: '节假日', row: 2, cells: { 日期: '2031-01-01', 类型: '休', 名称: '元旦' } },
      { sheet: '节假日', row: 3, cells: { 日期: '2031-01-01', 类型: '班', 名称: '' } },
      { sheet: '节假日', row: 4, cells: { 日期: '2031-02-01', 类型: '假', 名称: '很长的名字' } },
      { sheet: '节假日', row: 5, cells: { 日期: '2031-03-01', 类型: '班', 名称: '' } },
    ];
    const ctx = new ValidationContext(emptyExisting());
    const read = readSheet(ctx, HOLIDAYS, rows);
    expect(ctx.errors.list.map((e) => e.message)).toEqual([
      '节假日 第3行 日期：“2031-01-01” 与第2行重复',
      '节假日 第4行 名称：“很长的名字” 超过4个字',
      '节假日 第4行 类型：“假” 不对',
    ]);
    // The row type is inferred: `kind` is 'off' | 'work', `name` a string.
    const typed: { row: number; date: string; kind: 'off' | 'work'; name: string }[] = read;
    expect(typed).toEqual([
      { row: 2, date: '2031-01-01', kind: 'off', name: '元旦' },
      { row: 5, date: '2031-03-01', kind: 'work', name: '' },
    ]);

    const first = await upsertSheet(ds.manager, HOLIDAYS, read, { table: 'holiday', key: ['date'] });
    expect(first.map((r) => r.created)).toEqual([true, true]);
    const again = await upsertSheet(ds.manager, HOLIDAYS, read, { table: 'holiday', key: ['date'] });
    expect(again).toEqual([]); // nothing changed: no row returned
    const renamed = await upsertSheet(ds.manager, HOLIDAYS, [{ ...read[1], name: '调休' }], {
      table: 'holiday',
      key: ['date'],
    });
    expect(renamed.map((r) => r.created)).toEqual([false]);
    expect(
      await ds.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, name FROM holiday ORDER BY date`),
    ).toEqual([
      { date: '2031-01-01', kind: 'off', name: '元旦' },
      { date: '2031-03-01', kind: 'work', name: '调休' },
    ]);
  });
});
