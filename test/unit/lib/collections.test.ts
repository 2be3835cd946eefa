import { groupBy, invert } from '../../../src/lib/collections';
import { stripMentions } from '../../../src/lib/mentions';
import { returnedRows } from '../../../src/lib/query-result';

describe('groupBy', () => {
  it('keeps the order of first appearance and leaves out null keys', () => {
    const groups = groupBy(['b1', 'a1', 'b2', 'x', 'a2'], (s) => (s === 'x' ? null : s[0]!));
    expect([...groups]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1', 'a2']],
    ]);
  });
});

describe('invert', () => {
  it('reads a label map backwards', () => {
    expect(invert({ cadre: '干部', admin: '管理员' })).toEqual({ 干部: 'cadre', 管理员: 'admin' });
  });
});

describe('stripMentions', () => {
  it.each([
    ['@助企机器人 走访登记', '走访登记'],
    ['@助企机器人\u2005走访登记', '走访登记'],
    ['@张三 @助企机器人 帮忙', '帮忙'],
    ['走访登记 @张三', '走访登记 @张三'],
    ['@助企机器人', ''],
    ['@张三', ''],
  ])('%j → %j', (input, expected) => {
    expect(stripMentions(input)).toBe(expected);
  });

  it('uses the names it is given', () => {
    expect(stripMentions('请 @小秘书 登记', ['小秘书'])).toBe('请   登记');
  });
});

describe('returnedRows', () => {
  it('reads both shapes node-postgres answers through TypeORM', () => {
    expect(returnedRows([[{ id: 1 }], 1])).toEqual([{ id: 1 }]);
    expect(returnedRows([[], 0])).toEqual([]);
    expect(returnedRows([{ id: 2 }])).toEqual([{ id: 2 }]);
    expect(returnedRows([])).toEqual([]);
  });
});
