import { commandNamesForRoles, commandsForRoles, fallbackFor } from '../../../../src/commands/parser';
import type { Role } from '../../../../src/entities/enums';
import { COMMAND_RULES } from '../../../../src/services/permissions';
import { setRosterExamples } from '../../../../src/commands/parser/examples';

// The examples name the roster's own firms and units; these tests run with a roster whose first
// firm is 曲江文旅 (help-examples.test.ts covers other rosters and the empty one).
beforeAll(() => setRosterExamples({ firm: '曲江文旅', unit: '市自然资源和规划局' }));
afterAll(() => setRosterExamples(null));

describe('commandsForRoles', () => {
  it('lists what a cadre may use, and the commands everyone has', () => {
    expect(commandNamesForRoles(['cadre'])).toEqual([
      'visit',
      'report',
      'myEnterprises',
      'myTasks',
      'show',
      'transfer',
      'coHandle',
      'rateProxy',
      'urge',
      'deliver',
      'bind',
      'bindGroup',
      'help',
      'cancel',
    ]);
  });

  it('gives each role its own commands', () => {
    expect(commandNamesForRoles(['contact'])).toEqual(
      expect.arrayContaining(['report', 'rate', 'rateCadre', 'withdraw', 'show', 'myTasks', 'confirmVisit']),
    );
    expect(commandNamesForRoles(['contact'])).not.toContain('visit');
    expect(commandNamesForRoles(['contact'])).not.toContain('coHandle');
    expect(commandNamesForRoles(['handler'])).toEqual(
      expect.arrayContaining(['accept', 'return', 'answer', 'extend', 'coHandle', 'myTasks', 'show']),
    );
    expect(commandNamesForRoles(['handler'])).not.toContain('supervise');
    expect(commandNamesForRoles(['leader'])).toEqual(
      expect.arrayContaining(['supervise', 'decideExtension', 'show', 'myTasks']),
    );
    expect(commandNamesForRoles(['leader'])).not.toContain('accept');
  });

  it('unites several roles without duplicates', () => {
    const names = commandNamesForRoles(['cadre', 'leader']);
    expect(names).toEqual(expect.arrayContaining(['visit', 'supervise']));
    expect(new Set(names).size).toBe(names.length);
  });

  it("gives an admin what admins may do, not a cadre's or a contact's commands (found item 7 of issue 9)", () => {
    const admin = commandNamesForRoles(['admin']);
    expect(admin).toEqual(
      expect.arrayContaining(['report', 'accept', 'transfer', 'urge', 'supervise', 'decideExtension']),
    );
    const adminLeader = commandNamesForRoles(['admin', 'leader']);
    for (const refused of ['myEnterprises', 'extend', 'rate', 'withdraw', 'visit', 'rateCadre'] as const) {
      expect(adminLeader).not.toContain(refused);
    }
    expect(commandNamesForRoles([])).toEqual(['bind', 'help', 'cancel']);
  });

  it('tells leaders and enterprise contacts that they may 催办', () => {
    expect(commandNamesForRoles(['leader'])).toContain('urge');
    expect(commandNamesForRoles(['contact'])).toContain('urge');
  });

  it('writes each line in Chinese with an example or a purpose, fitting the role', () => {
    const lines = commandsForRoles(['cadre', 'handler', 'leader', 'admin', 'contact']);
    expect(lines).toHaveLength(37); // 32 + the leaders' 本月统计, 红黑榜, 超期问题, 一月两见, 查询企业 (issue 16)
    for (const line of lines) expect(line).toMatch(/^[\u4e00-\u9fa5].*(例：|：)/);
    expect(lines[0]).toBe('登记走访 企业 日期 方式 情况，例：登记走访 曲江文旅 昨天 上门 了解用工情况');
    expect(commandsForRoles(['contact'])[0]).toBe('上报问题 问题描述，例：上报问题 厂房用地指标迟迟未批');
  });
});

describe('fallbackFor: the answer to a message that is no command', () => {
  it.each<[Role[], string]>([
    [['cadre'], '登记走访 曲江文旅'],
    [['handler'], '受理 W20261123-0007'],
    [['leader'], '督办 W20261123-0007'],
    [['contact'], '上报问题 厂房用地指标迟迟未批'],
    [['admin', 'leader'], '督办 W20261123-0007'],
  ])('%j gets an example of its own', (roles, example) => {
    const text = fallbackFor(roles);
    expect(text).toContain(`可以这样说：“${example}`);
    const offered = text.split('您可以使用：')[1].split('；')[0].split('、');
    const words = commandNamesForRoles(roles)
      .filter((n) => COMMAND_RULES[n].action !== null)
      .map((n) => COMMAND_RULES[n].word);
    expect(offered).toEqual(words);
  });

  it('never offers a cadre’s 登记走访 to a handler or an enterprise contact', () => {
    for (const roles of [['handler'], ['contact'], ['leader'], ['admin']] as Role[][]) {
      expect(fallbackFor(roles)).not.toContain('登记走访');
    }
  });
});
