import { isAbbreviationOf } from '../../../src/commands/parser/abbreviation';
import { segment } from '../../../src/commands/understand/segmenter';
import { readCsvFolder } from '../../../src/roster/roster.reader';
import { validateRoster } from '../../../src/roster/roster.validator';
import { DEMO_ROSTER_DIR } from '../../../src/roster/seed';
import { deriveShortName, uniqueShortNames } from '../../../src/roster/short-name';

describe('deriveShortName: whole words, never cut mid-word', () => {
  it.each([
    ['西安秦创智能装备有限公司', '秦创智能'],
    ['西安长安半导体有限公司', '长安半导体'],
    ['西安唐延人工智能有限公司', '唐延人工智能'],
    ['西安星火机器人有限公司', '星火机器人'],
    ['西安鱼化云计算有限公司', '鱼化云计算'],
    ['西安长乐供应链有限公司', '长乐供应链'],
    ['陕西骊山食品股份有限公司', '骊山食品'],
    ['曲江文化创意产业园二期项目', '曲江产业园二期'],
    ['雁塔区电子城片区棚户区改造项目', '电子城棚户区改造'],
    ['未央区汉城湖片区城市更新项目', '汉城湖城市更新'],
    ['高新区集成电路产业园项目', '集成电路产业园'],
  ])('%s → %s', (full, short) => {
    expect(deriveShortName(full)).toBe(short);
    expect(isAbbreviationOf(short, full)).toBe(true);
  });

  it('tells two firms apart with more whole words', () => {
    const names = uniqueShortNames(['西安秦创智能装备有限公司', '西安秦创智能制造有限公司']);
    expect(new Set(names).size).toBe(2);
    expect(names[0].startsWith('秦创智能')).toBe(true);
  });
});

describe('the demo roster’s short names', () => {
  it('are unique, abbreviate their full names, and none is one of the old mid-word cuts', async () => {
    const result = validateRoster(await readCsvFolder(DEMO_ROSTER_DIR));
    if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
    const shorts = result.roster.enterprises.map((e) => e.shortName ?? '');
    expect(new Set(shorts).size).toBe(shorts.length);
    for (const e of result.roster.enterprises) {
      expect(e.shortName === e.name.replace(/项目$/, '') || isAbbreviationOf(e.shortName!, e.name)).toBe(
        true,
      );
    }
    for (const bad of ['区棚户区改造', '意产业园二期', '唐延人工', '长安半导', '成电路产业园', '鱼化云计']) {
      expect(shorts).not.toContain(bad);
    }
  });

  it('end on a word boundary of their firm’s name (jieba)', async () => {
    const result = validateRoster(await readCsvFolder(DEMO_ROSTER_DIR));
    if (!result.ok) throw new Error('invalid demo roster');
    for (const e of result.roster.enterprises.filter((x) => x.kind === 'enterprise')) {
      const core = e.name.replace(/^西安/, '').replace(/有限公司$/, '');
      const ends = new Set<number>();
      let at = 0;
      for (const w of segment(core)) ends.add((at += w.length));
      expect(core.startsWith(e.shortName!) && ends.has(e.shortName!.length)).toBe(true);
    }
  });
});
