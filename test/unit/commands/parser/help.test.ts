import { commandNamesForRoles, commandsForRoles } from '../../../../src/commands/parser';

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

  it('gives an admin every command but the dialogue choice, and a stranger only help, cancel and bind', () => {
    expect(commandNamesForRoles(['admin'])).toHaveLength(25);
    expect(commandNamesForRoles(['admin'])).not.toContain('choice');
    expect(commandNamesForRoles([])).toEqual(['bind', 'help', 'cancel']);
  });

  it('writes each line in Chinese with an example or a purpose', () => {
    const lines = commandsForRoles(['admin']);
    expect(lines).toHaveLength(25);
    for (const line of lines) expect(line).toMatch(/^[\u4e00-\u9fa5].*(例：|：)/);
    expect(lines[0]).toBe('登记走访 企业 日期 方式 情况，例：登记走访 曲江文旅 昨天 上门 了解用工情况');
  });
});
