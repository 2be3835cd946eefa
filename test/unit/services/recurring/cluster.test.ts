import { clusterProblems, pairwiseScores } from '../../../../src/services/recurring/cluster';
import { LABELLED_PROBLEMS } from '../../../fixtures/recurring/labelled-problems';

const item = (id: string, firmId: string, text: string, categoryId = '市政配套') => ({
  id,
  firmId,
  categoryId,
  text,
});

describe('clusterProblems (一类事)', () => {
  it('finds the labelled troubles with precision and recall of at least 0.8', () => {
    expect(LABELLED_PROBLEMS.length).toBeGreaterThanOrEqual(200);
    const items = LABELLED_PROBLEMS.map((p, i) => item(`p${i}`, `f${i}`, p.text, p.category));
    const s = pairwiseScores(
      clusterProblems(items),
      new Map(LABELLED_PROBLEMS.map((p, i) => [`p${i}`, p.label])),
    );
    expect(s.precision).toBeGreaterThanOrEqual(0.8);
    expect(s.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('groups the same trouble in different words, names it, and leaves the unrelated out', () => {
    const clusters = clusterProblems([
      item('a', 'f1', '新厂房用电报装周期太长，申请三个月了还没通电'),
      item('b', 'f2', '用电报装手续繁琐，供电公司迟迟不来接电'),
      item('c', 'f3', '办理用电报装时间过长，希望压缩接电时限'),
      item('d', 'f4', '厂区门口道路坑洼不平，货车进出经常陷车'),
    ]);
    expect(clusters).toHaveLength(1);
    expect(clusters[0].ids.sort()).toEqual(['a', 'b', 'c']);
    expect(clusters[0].firms).toBe(3);
    expect(clusters[0].keywords).toContain('报装');
  });

  it('never joins problems of different categories, and counts firms, not reports', () => {
    const text = '用电报装周期太长，申请三个月了还没通电';
    expect(clusterProblems([item('a', 'f1', text), item('b', 'f2', text, '建设')])).toEqual([]);
    expect(clusterProblems([item('a', 'f1', text), item('b', 'f1', `${text}。`)], { minFirms: 2 })).toEqual(
      [],
    );
    expect(clusterProblems([item('a', 'f1', text), item('b', 'f2', text)], { minFirms: 3 })).toEqual([]);
  });
});

describe('pairwiseScores', () => {
  it('counts pairs put together against pairs that belong together', () => {
    const labels = new Map<string, string | null>([
      ['a', 'x'],
      ['b', 'x'],
      ['c', 'x'],
      ['d', null],
    ]);
    // Together: (a,b) right, (a,d) and (b,d) wrong; true pairs: ab, ac, bc.
    expect(pairwiseScores([{ ids: ['a', 'b', 'd'] }], labels)).toEqual({
      precision: 1 / 3,
      recall: 1 / 3,
      predictedPairs: 3,
      truePairs: 3,
    });
  });
});
