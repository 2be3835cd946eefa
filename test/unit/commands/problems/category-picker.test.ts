import {
  CATEGORY_PAGE_SIZE,
  categoryChoices,
  categoryQuestion,
  OTHER_CATEGORY,
} from '../../../../src/commands/problems/category-picker';
import type { Category } from '../../../../src/entities';

const category = (i: number, leadUnitId = 'u-plan'): Category =>
  ({ id: `c${i}`, name: `类别${i}`, leadUnitId }) as Category;
const CATALOGUE = Array.from({ length: 15 }, (_, i) => category(i + 1, i === 4 ? 'u-own' : 'u-plan'));
const contact = { roles: ['contact'] as const, unitId: 'u-district', isFirmCadre: false };

describe('the category picker', () => {
  it('offers every category, the likely ones first, and 其他 last — no fixed cap', () => {
    const choices = categoryChoices(CATALOGUE, [CATALOGUE[9], CATALOGUE[2]], contact);
    expect(choices).toHaveLength(16);
    expect(choices.slice(0, 2).map((c) => c.label)).toEqual(['类别10', '类别3']);
    expect(new Set(choices.map((c) => c.id)).size).toBe(16);
    expect(choices.at(-1)).toEqual({ id: '', label: OTHER_CATEGORY });
  });

  it('never offers 其他 to the firm’s own cadre: it would route back to them', () => {
    const choices = categoryChoices(CATALOGUE, [], {
      roles: ['cadre'],
      unitId: 'u-district',
      isFirmCadre: true,
    });
    expect(choices.map((c) => c.label)).not.toContain(OTHER_CATEGORY);
    expect(choices).toHaveLength(15);
  });

  it('never offers a handler a category their own unit leads', () => {
    const choices = categoryChoices(CATALOGUE, [], {
      roles: ['handler'],
      unitId: 'u-own',
      isFirmCadre: false,
    });
    expect(choices.map((c) => c.label)).not.toContain('类别5');
    expect(choices).toHaveLength(15);
  });

  it('shows a list of up to two pages at once', () => {
    const choices = categoryChoices(CATALOGUE, [], contact);
    const question = categoryQuestion(choices);
    expect(question.split('\n').filter((l) => /^\d+\. /.test(l))).toHaveLength(16);
    expect(question).not.toContain('更多');
  });

  it('pages a longer catalogue, numbering across pages, and wraps to the first page', () => {
    const long = Array.from({ length: 32 }, (_, i) => category(i + 1));
    const choices = categoryChoices(long, [], contact);
    const numbers = (q: string) =>
      q
        .split('\n')
        .filter((l) => /^\d+\. /.test(l))
        .map((l) => Number(l.split('.')[0]));
    const first = categoryQuestion(choices, 0);
    expect(numbers(first)).toEqual(Array.from({ length: CATEGORY_PAGE_SIZE }, (_, i) => i + 1));
    expect(first).toContain('（第1/4页，共33项）回复“更多”查看下一页');
    expect(numbers(categoryQuestion(choices, 1))[0]).toBe(11);
    const last = categoryQuestion(choices, 3);
    expect(numbers(last)).toEqual([31, 32, 33]);
    expect(last).toContain(OTHER_CATEGORY);
    expect(last).toContain('查看第一页');
    expect(numbers(categoryQuestion(choices, 4))[0]).toBe(1);
  });
});
