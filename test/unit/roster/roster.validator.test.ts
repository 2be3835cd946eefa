import { withCheckChar } from '../../../src/lib/credit-code';
import { emptyExisting, type ExistingRoster, type RosterError } from '../../../src/roster/roster.types';
import { validateRoster } from '../../../src/roster/roster.validator';
import type { SheetName } from '../../../src/roster/roster.sheets';
import {
  CODE_A,
  CODE_B,
  CODE_C,
  tablesWith,
  type Tables,
  toRaw,
  validTables,
} from '../../fixtures/roster/roster.builder';

function errorsOf(tables: Tables, existing?: ExistingRoster): RosterError[] {
  const result = validateRoster(toRaw(tables), existing);
  if (result.ok) throw new Error('expected the roster to be rejected');
  return result.errors;
}

function rosterOf(tables: Tables, existing?: ExistingRoster) {
  const result = validateRoster(toRaw(tables), existing);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.roster;
}

describe('validateRoster', () => {
  it('accepts a valid roster and maps every Chinese value', () => {
    const roster = rosterOf(validTables());
    expect(roster.units.map((u) => [u.name, u.kind, u.parentName])).toEqual([
      ['雁塔区', 'district', null],
      ['高新区', 'zone', null],
      ['市自然资源和规划局', 'handling', null],
      ['雁塔区行政审批服务局', 'handling', '雁塔区'],
      ['市亲商助企办', 'department', null],
    ]);
    expect(roster.people[0]).toMatchObject({
      mobile: '13800000001',
      roles: ['cadre', 'leader'],
      wecomUserId: 'zhangwei',
    });
    expect(roster.people[3]).toMatchObject({ roles: ['contact'], enterpriseCode: CODE_A });
    expect(roster.enterprises.map((e) => e.kind)).toEqual(['enterprise', 'enterprise', 'project']);
    // by short name, by credit code, by full name
    expect(roster.pairings.map((p) => [p.cadreMobile, p.enterpriseCode, p.row])).toEqual([
      ['13800000001', CODE_A, 2],
      ['13800000002', CODE_B, 3],
      ['13800000001', CODE_C, 4],
    ]);
    expect(roster.categories).toEqual([
      {
        row: 2,
        name: '土地',
        kind: 'problem',
        leadUnitName: '市自然资源和规划局',
        timeLimitDays: 15,
        keywords: ['用地', '土地', '出让'],
      },
      {
        row: 3,
        name: '帮办',
        kind: 'assist',
        leadUnitName: '雁塔区行政审批服务局',
        timeLimitDays: 5,
        keywords: ['帮办'],
      },
    ]);
    expect(roster.groupChats.map((g) => [g.platform, g.purpose, g.enterpriseCode, g.unitName])).toEqual([
      ['wecom', 'enterprise', CODE_A, null],
      ['wecom', 'unit', null, '市自然资源和规划局'],
      ['dingtalk', 'district', null, '高新区'],
      ['wecom', 'leaders', null, null],
    ]);
    expect(roster.holidays).toEqual([
      { row: 2, date: '2027-01-01', kind: 'off', name: '元旦' },
      { row: 3, date: '2027-02-20', kind: 'work', name: '春节调休' },
    ]);
  });

  it('rejects a workbook with three bad rows in three sheets, naming each', () => {
    const errors = errorsOf(
      tablesWith(
        ['人员', 4, '手机', '1381234567'],
        ['企业', 4, '统一社会信用代码', '91610113MA60000030'],
        ['群聊', 5, '用途', '闲聊群'],
      ),
    );
    expect(errors.map(({ sheet, row, column }) => ({ sheet, row, column }))).toEqual([
      { sheet: '人员', row: 4, column: '手机' },
      { sheet: '企业', row: 4, column: '统一社会信用代码' },
      { sheet: '群聊', row: 5, column: '用途' },
    ]);
    expect(errors[0].message).toBe('人员 第4行 手机：“1381234567” 不是有效的11位手机号');
    expect(errors[1].message).toBe(
      '企业 第4行 统一社会信用代码：“91610113MA60000030” 不是有效的统一社会信用代码',
    );
    expect(errors[2].message).toMatch(/^群聊 第5行 用途：“闲聊群” 不是有效的用途/);
  });

  it('accepts roles joined by 、，, / and spaces', () => {
    for (const roles of [
      '干部，领导',
      '干部,领导',
      '干部/领导',
      '干部 领导',
      '干部　领导',
      '干部、领导、干部',
    ]) {
      expect(rosterOf(tablesWith(['人员', 2, '角色', roles])).people[0].roles).toEqual(['cadre', 'leader']);
    }
  });

  it.each([
    ['绿色通道', 'green'],
    ['陪办', 'accompany'],
    ['代办', 'proxy'],
    ['诉求', 'request'],
    ['规划', 'problem'],
  ])('gives category %s the kind %s', (name, kind) => {
    expect(rosterOf(tablesWith(['问题类别', 2, '类别', name])).categories[0].kind).toBe(kind);
  });

  it('normalizes a credit code typed in lower case with spaces', () => {
    const code = `${CODE_A.slice(0, 9).toLowerCase()} ${CODE_A.slice(9)}`;
    expect(rosterOf(tablesWith(['企业', 2, '统一社会信用代码', code])).enterprises[0].creditCode).toBe(
      CODE_A,
    );
  });

  it('reads 亲商助企办 as the campaign office and names it among the valid kinds', () => {
    const roster = rosterOf(tablesWith(['单位', 6, '类型', '亲商助企办']));
    expect(roster.units.find((u) => u.name === '市亲商助企办')?.kind).toBe('campaign');
    expect(errorsOf(tablesWith(['单位', 2, '类型', '专班'])).map((e) => e.message)).toEqual([
      '单位 第2行 类型：“专班” 不是有效的类型，应为 区县、开发区、市级部门、办理单位、亲商助企办',
    ]);
  });

  type Case = [string, [SheetName, number, string, string][], string];
  const cases: Case[] = [
    [
      'a mobile starting 12',
      [['人员', 4, '手机', '12800000001']],
      '人员 第4行 手机：“12800000001” 不是有效的11位手机号',
    ],
    ['an empty required cell', [['人员', 2, '姓名', '']], '人员 第2行 姓名：必填，不能为空'],
    ['an unknown unit kind', [['单位', 2, '类型', '街道']], '单位 第2行 类型：“街道” 不是有效的类型'],
    ['an unknown role', [['人员', 4, '角色', '办理人、科员']], '人员 第4行 角色：“科员” 不是有效的角色'],
    ['a missing parent unit', [['单位', 5, '上级单位', '长安区']], '单位 第5行 上级单位：找不到单位“长安区”'],
    [
      'a unit that is its own parent',
      [['单位', 2, '上级单位', '雁塔区']],
      '单位 第2行 上级单位：上级关系形成循环：雁塔区 → 雁塔区',
    ],
    ['a person in an unknown unit', [['人员', 3, '单位', '长安区']], '人员 第3行 单位：找不到单位“长安区”'],
    [
      'a contact without enterprise',
      [['人员', 5, '所属企业', '']],
      '人员 第5行 所属企业：角色含企业联系人时必须填写所属企业',
    ],
    [
      'a contact of an unknown enterprise',
      [['人员', 5, '所属企业', '不存在公司']],
      '人员 第5行 所属企业：找不到企业“不存在公司”',
    ],
    [
      'an enterprise in a handling unit',
      [['企业', 2, '所属区县', '市自然资源和规划局']],
      '企业 第2行 所属区县：“市自然资源和规划局” 不是区县或开发区',
    ],
    [
      'an unknown enterprise kind',
      [['企业', 2, '类型', '个体户']],
      '企业 第2行 类型：“个体户” 不是有效的类型',
    ],
    [
      'a pairing with a non-cadre',
      [['包联', 2, '干部手机', '13800000003']],
      '包联 第2行 干部手机：手机号“13800000003”的人员不是干部',
    ],
    [
      'a pairing with an unknown mobile',
      [['包联', 2, '干部手机', '13900000009']],
      '包联 第2行 干部手机：找不到手机号为“13900000009”的人员',
    ],
    [
      'a pairing with an unknown enterprise',
      [['包联', 3, '企业', '不存在公司']],
      '包联 第3行 企业：找不到企业“不存在公司”',
    ],
    [
      'the same pair twice',
      [
        ['包联', 5, '干部手机', '13800000001'],
        ['包联', 5, '企业', CODE_A],
      ],
      `包联 第5行 企业：“${CODE_A}” 与第2行重复`,
    ],
    [
      'one enterprise with two cadres',
      [
        ['包联', 5, '干部手机', '13800000002'],
        ['包联', 5, '企业', '秦创'],
      ],
      '包联 第5行 企业：“秦创” 已在第2行包联给其他干部（一对一）',
    ],
    [
      'a category with an unknown lead unit',
      [['问题类别', 2, '牵头单位', '市水务局']],
      '问题类别 第2行 牵头单位：找不到单位“市水务局”',
    ],
    [
      'a time limit of 0',
      [['问题类别', 2, '办理时限（工作日）', '0']],
      '问题类别 第2行 办理时限（工作日）：“0” 不是正整数',
    ],
    [
      'a time limit of 1.5',
      [['问题类别', 2, '办理时限（工作日）', '1.5']],
      '问题类别 第2行 办理时限（工作日）：“1.5” 不是正整数',
    ],
    [
      'an unknown platform',
      [['群聊', 2, '平台', '微信']],
      '群聊 第2行 平台：“微信” 不是有效的平台，应为 企业微信 或 钉钉',
    ],
    [
      'a webhook that is not http(s)',
      [['群聊', 2, '群机器人地址', 'ftp://x.cn/hook']],
      '群聊 第2行 群机器人地址：“ftp://x.cn/hook” 不是有效的 http(s) 网址',
    ],
    [
      'an enterprise group of an unknown firm',
      [['群聊', 2, '绑定对象', '不存在公司']],
      '群聊 第2行 绑定对象：找不到企业“不存在公司”',
    ],
    [
      'a district group bound to a department',
      [['群聊', 4, '绑定对象', '市亲商助企办']],
      '群聊 第4行 绑定对象：“市亲商助企办” 不是区县或开发区',
    ],
    [
      'a unit group of an unknown unit',
      [['群聊', 3, '绑定对象', '市水务局']],
      '群聊 第3行 绑定对象：找不到单位“市水务局”',
    ],
    ['the same chat twice', [['群聊', 3, '群ID', 'wr-ent-1']], '群聊 第3行 群ID：“wr-ent-1” 与第2行重复'],
    [
      'a day that does not exist',
      [['节假日', 2, '日期', '2027-02-30']],
      '节假日 第2行 日期：“2027-02-30” 不是有效的日期（YYYY-MM-DD）',
    ],
    [
      'a date with slashes',
      [['节假日', 2, '日期', '2027/01/01']],
      '节假日 第2行 日期：“2027/01/01” 不是有效的日期',
    ],
    [
      'an unknown day kind',
      [['节假日', 2, '类型', '假']],
      '节假日 第2行 类型：“假” 不是有效的类型，应为 休 或 班',
    ],
    [
      'a repeated holiday',
      [['节假日', 3, '日期', '2027-01-01']],
      '节假日 第3行 日期：“2027-01-01” 与第2行重复',
    ],
    [
      'a repeated unit',
      [
        ['单位', 7, '名称', '雁塔区'],
        ['单位', 7, '类型', '区县'],
      ],
      '单位 第7行 名称：“雁塔区” 与第2行重复',
    ],
    [
      'a repeated mobile',
      [
        ['人员', 7, '姓名', '周杰'],
        ['人员', 7, '手机', '13800000001'],
        ['人员', 7, '单位', '雁塔区'],
        ['人员', 7, '角色', '干部'],
      ],
      '人员 第7行 手机：“13800000001” 与第2行重复',
    ],
    [
      'a repeated WeCom account',
      [['人员', 3, '企业微信账号', 'zhangwei']],
      '人员 第3行 企业微信账号：“zhangwei” 与第2行重复',
    ],
    [
      'a repeated credit code',
      [
        ['企业', 5, '企业名称', '另一家公司'],
        ['企业', 5, '统一社会信用代码', CODE_A],
        ['企业', 5, '所属区县', '雁塔区'],
      ],
      `企业 第5行 统一社会信用代码：“${CODE_A}” 与第2行重复`,
    ],
    ['a repeated category', [['问题类别', 3, '类别', '土地']], '问题类别 第3行 类别：“土地” 与第2行重复'],
    [
      'a name longer than the column',
      [['人员', 2, '姓名', '张'.repeat(51)]],
      '人员 第2行 姓名：“' + '张'.repeat(51) + '” 超过50个字',
    ],
  ];
  it.each(cases)('reports %s', (_what, edits, message) => {
    const errors = errorsOf(tablesWith(...edits));
    expect(errors.map((e) => e.message)).toEqual([expect.stringContaining(message)]);
  });

  it('reports a cycle between two units on both rows', () => {
    const errors = errorsOf(tablesWith(['单位', 2, '上级单位', '高新区'], ['单位', 3, '上级单位', '雁塔区']));
    expect(errors.map((e) => e.message)).toEqual([
      '单位 第2行 上级单位：上级关系形成循环：雁塔区 → 高新区 → 雁塔区',
      '单位 第3行 上级单位：上级关系形成循环：高新区 → 雁塔区 → 高新区',
    ]);
  });

  it('reports an enterprise reference that fits two firms', () => {
    const errors = errorsOf(tablesWith(['企业', 3, '简称', '秦创']));
    expect(errors.map((e) => e.message)).toEqual([
      '人员 第5行 所属企业：“秦创” 对应多家企业，请改用统一社会信用代码',
      '包联 第2行 企业：“秦创” 对应多家企业，请改用统一社会信用代码',
      '群聊 第2行 绑定对象：“秦创” 对应多家企业，请改用统一社会信用代码',
    ]);
  });

  it('lists every bad row, in sheet and row order, without repeating errors about rejected rows', () => {
    const errors = errorsOf(
      tablesWith(
        ['包联', 2, '企业', '无名公司'],
        ['人员', 6, '手机', 'x'],
        ['人员', 2, '单位', '长安区'],
        ['单位', 6, '类型', '?'],
      ),
    );
    // 人员 row 2 (张伟) is rejected, so 包联 row 4 pairing him is not reported again as "person not found"
    expect(errors.map((e) => `${e.sheet}${e.row}${e.column}`)).toEqual([
      '单位6类型',
      '人员2单位',
      '人员6手机',
      '包联2企业',
    ]);
  });

  it('requires every sheet but 节假日, and every required column', () => {
    const tables: Tables = validTables();
    delete tables['包联'];
    delete tables['节假日'];
    tables['人员'] = tables['人员']!.map((r) => r.filter((_, i) => i !== 1));
    expect(errorsOf(tables).map((e) => e.message)).toEqual([
      '人员 第1行 手机：缺少必填列',
      '包联：缺少工作表“包联”',
    ]);
  });

  it('accepts headers without the * marker and with ASCII parentheses', () => {
    const tables = validTables();
    tables['问题类别'][0] = ['类别', '牵头单位', '办理时限(工作日)', '关键词'];
    expect(rosterOf(tables).categories).toHaveLength(2);
  });

  it('resolves references to rows already in the database (an incremental roster)', () => {
    const existing = emptyExisting();
    const oldCode = withCheckChar('91610103MA6000009');
    existing.units.set('碑林区', { kind: 'district', parentName: null });
    existing.people.set('13900000001', ['cadre']);
    existing.enterprises.set(oldCode, { name: '西安老字号有限公司', shortName: '老字号' });
    const roster = rosterOf(
      {
        单位: [
          ['名称', '类型', '上级单位'],
          ['碑林区行政审批服务局', '办理单位', '碑林区'],
        ],
        人员: [['姓名', '手机', '单位', '角色']],
        企业: [['企业名称', '简称', '统一社会信用代码', '所属区县']],
        包联: [
          ['干部手机', '企业'],
          ['13900000001', '老字号'],
        ],
        问题类别: [['类别', '牵头单位', '办理时限（工作日）']],
        群聊: [
          ['平台', '群ID', '用途', '绑定对象'],
          ['企业微信', 'g1', '区县群', '碑林区'],
        ],
      },
      existing,
    );
    expect(roster.pairings).toEqual([{ row: 2, cadreMobile: '13900000001', enterpriseCode: oldCode }]);
  });

  it('refuses a platform account that another person in the database holds', () => {
    const existing = emptyExisting();
    existing.accounts.set('wecom:zhangwei', '13999999999');
    expect(errorsOf(validTables(), existing).map((e) => e.message)).toEqual([
      '人员 第2行 企业微信账号：“zhangwei” 已属于系统中手机号为 13999999999 的人员',
    ]);
  });

  describe('企业.每月走访次数 (optional)', () => {
    /** validTables() with the column added to 企业 and these cells (rows 2–4). */
    const withTargets = (...cells: string[]): Tables => {
      const tables = validTables();
      tables['企业'] = tables['企业'].map((row, i) => [
        ...row,
        i === 0 ? '每月走访次数' : (cells[i - 1] ?? ''),
      ]);
      return tables;
    };

    it('is the default (null) without the column or with an empty cell, and a key firm’s own target when given', () => {
      expect(rosterOf(validTables()).enterprises.map((e) => e.contactTarget)).toEqual([null, null, null]);
      expect(rosterOf(withTargets('3', '', ' 2 ')).enterprises.map((e) => e.contactTarget)).toEqual([
        3,
        null,
        2,
      ]);
    });

    it('rejects a value that is not a whole number from 2 to 10, naming the row, in Chinese', () => {
      const errors = errorsOf(withTargets('1', '三次', '11'));
      expect(errors.map((e) => [e.sheet, e.row, e.column])).toEqual([
        ['企业', 2, '每月走访次数'],
        ['企业', 3, '每月走访次数'],
        ['企业', 4, '每月走访次数'],
      ]);
      expect(errors[0].message).toBe(
        '企业 第2行 每月走访次数：“1” 不是有效的每月走访次数，应为 2 到 10 的整数（留空为每月 2 次）',
      );
    });
  });
});
