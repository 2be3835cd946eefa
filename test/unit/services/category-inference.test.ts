import { categoryScore, inferCategory } from '../../../src/services/category-inference';

const catalogue = [
  { id: 'land', name: '土地', keywords: ['用地', '土地指标', '征地'] },
  { id: 'planning', name: '规划', keywords: ['规划许可', '容积率', '用地规划'] },
  { id: 'finance', name: '融资', keywords: ['贷款', '融资', '担保'] },
  { id: 'power', name: '用电', keywords: ['电力', '停电', '增容'] },
];

describe('inferCategory', () => {
  it('picks the one category whose keywords hit', () => {
    expect(inferCategory('银行贷款审批太慢', catalogue).category?.id).toBe('finance');
    expect(inferCategory('厂区经常停电', catalogue).category?.id).toBe('power');
  });

  it('a longer keyword outweighs a shorter one of another category', () => {
    // 用地规划 + the name 规划 (planning, 6) beat 用地 (land, 2).
    expect(inferCategory('用地规划调整迟迟没有批复', catalogue).category?.id).toBe('planning');
    expect(categoryScore('用地规划调整', catalogue[1])).toBe(6);
  });

  it('sums distinct hits: two keywords beat one of the same length', () => {
    expect(inferCategory('征地和土地指标都紧张，贷款也难', catalogue).category?.id).toBe('land');
  });

  it('a tie or no hit gives null, with the hits offered first', () => {
    const tie = inferCategory('贷款和停电', catalogue);
    expect(tie.category).toBeNull();
    expect(tie.candidates.map((c) => c.id).sort()).toEqual(['finance', 'power']);
    expect(inferCategory('员工招聘困难', catalogue)).toEqual({ category: null, candidates: [] });
  });

  it('an explicit category word wins over keywords: exact name, fragment or keyword', () => {
    expect(inferCategory('贷款难', catalogue, '用电').category?.id).toBe('power');
    expect(inferCategory('贷款难', catalogue, '规划类').category?.id).toBe('planning');
    expect(inferCategory('招工难', catalogue, '担保').category?.id).toBe('finance');
  });

  it('an explicit word naming nothing falls back to keywords', () => {
    expect(inferCategory('贷款难', catalogue, '人才').category?.id).toBe('finance');
  });

  it('ignores spaces and letter case', () => {
    const cats = [{ id: 'it', name: 'IT服务', keywords: ['5G 基站'] }];
    expect(inferCategory('园区 5g基站 信号差', cats).category?.id).toBe('it');
  });
});
