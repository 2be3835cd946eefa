import { matchEnterprises, type EnterpriseCandidate } from '../../../../src/commands/parser';

const QUJIANG: EnterpriseCandidate = {
  id: 'qj',
  name: '西安曲江文化旅游股份有限公司',
  shortName: '曲江文旅',
  creditCode: '91610133MA6TX0001Q',
  own: false,
};
const SHANGU: EnterpriseCandidate = {
  id: 'sg',
  name: '西安陕鼓动力股份有限公司',
  shortName: '陕鼓动力',
  creditCode: '91610000220530002X',
  own: false,
};
const WENTOU: EnterpriseCandidate = {
  id: 'wt',
  name: '西安曲江文化产业投资（集团）有限公司',
  shortName: '曲江文投',
  creditCode: '91610133MA6TX0003R',
  own: true,
};
const NO_SHORT: EnterpriseCandidate = {
  id: 'ns',
  name: '西安高新区智能制造产业园项目',
  shortName: null,
  creditCode: '91610131MA6TX0004T',
  own: false,
};
const ALL = [QUJIANG, SHANGU, WENTOU, NO_SHORT];

const ids = (query: string) => matchEnterprises(query, ALL).map((m) => m.candidate.id);
const top = (query: string) => matchEnterprises(query, ALL)[0];

describe('matchEnterprises', () => {
  it('puts an exact short name, full name or credit code first with score 1', () => {
    expect(top('曲江文旅')).toMatchObject({ candidate: QUJIANG, score: 1, how: 'exact' });
    expect(top('西安陕鼓动力股份有限公司')).toMatchObject({ candidate: SHANGU, score: 1, how: 'exact' });
    expect(top('91610000220530002x')).toMatchObject({ candidate: SHANGU, score: 1, how: 'exact' });
    expect(top(' 曲江文旅 ')).toMatchObject({ candidate: QUJIANG, score: 1 });
  });

  it('matches substrings of names, either way round', () => {
    expect(top('陕鼓')).toMatchObject({ candidate: SHANGU, how: 'substring' });
    expect(top('曲江文化旅游')).toMatchObject({ candidate: QUJIANG, how: 'substring' });
    expect(top('陕鼓动力公司')).toMatchObject({ candidate: SHANGU, how: 'substring' });
    expect(top('智能制造产业园')).toMatchObject({ candidate: NO_SHORT, how: 'substring' });
  });

  it('ranks the sender’s own firms first among equal scores', () => {
    const matches = matchEnterprises('曲江', ALL);
    expect(matches.map((m) => m.candidate.id)).toEqual(['wt', 'qj']);
    expect(matches[0].score).toBe(matches[1].score);
  });

  it('does not let "own" outrank a better match', () => {
    expect(ids('曲江文旅')[0]).toBe('qj');
  });

  it('matches abbreviations of the full name', () => {
    expect(top('西安曲江文化旅游公司')).toMatchObject({ candidate: QUJIANG, how: 'abbreviation' });
    expect(top('高新智能制造园')).toMatchObject({ candidate: NO_SHORT, how: 'abbreviation' });
  });

  it('matches homophone typos through pinyin', () => {
    expect(top('曲江闻旅')).toMatchObject({ candidate: QUJIANG, how: 'homophone' });
    expect(top('陕古动力')).toMatchObject({ candidate: SHANGU, how: 'homophone' });
  });

  it('matches a one-character typo', () => {
    const match = top('陕鼓动刀');
    expect(match).toMatchObject({ candidate: SHANGU, how: 'typo' });
    expect(match.score).toBeLessThan(0.8);
  });

  it('orders exact > substring > abbreviation > fuzzy', () => {
    const scores = ['曲江文旅', '曲江文化旅游', '西安曲江文化旅游公司', '曲江闻旅'].map((q) => top(q).score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(new Set(scores).size).toBe(4);
  });

  it('returns nothing when nothing is close', () => {
    expect(matchEnterprises('华为技术', ALL)).toEqual([]);
    expect(matchEnterprises('比亚迪汽车', ALL)).toEqual([]);
    expect(matchEnterprises('曲', ALL)).toEqual([]);
    expect(matchEnterprises('', ALL)).toEqual([]);
    expect(matchEnterprises('曲江文旅', [])).toEqual([]);
  });
});
