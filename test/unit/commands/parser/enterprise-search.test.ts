import {
  enterpriseSearchColumns,
  querySearchText,
  substringsOf,
} from '../../../../src/commands/parser/enterprise-search';

const words = (text: string) => new Set(text.split(' '));

describe('enterprise search columns', () => {
  it('stores the folded keys and the syllables of name and short name', () => {
    const c = enterpriseSearchColumns('西安曲江文化旅游股份有限公司', ' 曲江 文旅 ');
    expect(c).toMatchObject({
      nameKey: '西安曲江文化旅游股份有限公司',
      shortKey: '曲江文旅',
      shortSyllables: 'qu jiang wen lü',
    });
    expect(c.nameSyllables.split(' ')).toHaveLength(14);
    expect(enterpriseSearchColumns('秦创ＡＢ公司', '')).toMatchObject({
      nameKey: '秦创AB公司',
      shortKey: null,
    });
  });

  it('searches by character pairs of the name without the city and the legal form', () => {
    const text = words(enterpriseSearchColumns('西安曲江文化旅游股份有限公司', '曲江文旅').searchText);
    for (const w of ['曲江', '文化', '旅游', '文旅']) expect(text.has(w)).toBe(true);
    for (const w of ['西安', '有限', '公司', '份有']) expect(text.has(w)).toBe(false);
  });

  it('gives homophones the same syllable pairs, and a typo keeps most pairs', () => {
    const firm = words(enterpriseSearchColumns('西安曲江文化旅游股份有限公司', '曲江文旅').searchText);
    const shared = (q: string) => [...words(querySearchText(q))].filter((w) => firm.has(w)).length;
    expect(shared('曲江闻旅')).toBe(4); // 曲江 + qu-jiang, jiang-wen, wen-lü
    expect(shared('曲江文族')).toBeGreaterThanOrEqual(4);
    expect(shared('比亚迪汽车')).toBe(0);
  });

  it('keeps a name that is all boilerplate searchable', () => {
    expect(querySearchText('西安')).toContain('西安');
  });

  it('lists every substring of two characters or more', () => {
    expect(substringsOf('曲江文').sort()).toEqual(['曲江', '曲江文', '江文'].sort());
  });
});
