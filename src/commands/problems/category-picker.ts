import type { Category } from '../../entities';
import type { Role } from '../../entities/enums';

/** The choice that leaves the category to the firm's 包联干部 (the problem stays pending with them). */
export const OTHER_CATEGORY = '其他（由包联干部交办）';

/** Categories listed per message; a longer catalogue is paged ("更多" shows the next page). */
export const CATEGORY_PAGE_SIZE = 10;

/** Words that ask for the next page of choices. */
export const MORE_WORDS = /^\s*(更多|下一页|下页|more|其余|其他类别)\s*$/i;

export interface CategoryChoice {
  /** Category id; '' for OTHER_CATEGORY. */
  id: string;
  label: string;
}

/** Who asks: what would route a choice back to them. */
export interface CategorySender {
  roles: readonly Role[];
  unitId: string | null;
  /** The sender is the firm's own 包联干部: 其他 would hand the problem back to them. */
  isFirmCadre: boolean;
}

/**
 * Every active category the sender may pick — the likely ones first, then the rest of the catalogue
 * — and 其他 last. Never a choice that routes back to the sender: no 其他 for the firm's own cadre
 * (they would be asked to assign what they just reported), no category led by a handler's own unit.
 */
export function categoryChoices(
  catalogue: readonly Category[],
  likely: readonly Category[],
  sender: CategorySender,
): CategoryChoice[] {
  const routesBack = (c: Category) =>
    sender.roles.includes('handler') && sender.unitId !== null && c.leadUnitId === sender.unitId;
  const likelyIds = new Set(likely.map((c) => c.id));
  const ordered = [...likely, ...catalogue.filter((c) => !likelyIds.has(c.id))];
  const choices = ordered.filter((c) => !routesBack(c)).map((c) => ({ id: c.id, label: c.name }));
  if (!sender.isFirmCadre) choices.push({ id: '', label: OTHER_CATEGORY });
  return choices;
}

/** How many pages `count` choices take. */
export const pageCount = (count: number) => Math.max(1, Math.ceil(count / CATEGORY_PAGE_SIZE));

/**
 * One page of the numbered question. Numbers run across pages (page 2 starts at 11), so a number
 * from any page picks the same choice. A list of up to two pages is shown whole.
 */
export function categoryQuestion(
  choices: readonly CategoryChoice[],
  page = 0,
  lead = '这个问题属于哪一类？',
): string {
  const single = choices.length <= CATEGORY_PAGE_SIZE * 2;
  const pages = single ? 1 : pageCount(choices.length);
  const at = single ? 0 : ((page % pages) + pages) % pages;
  const shown = single ? choices : choices.slice(at * CATEGORY_PAGE_SIZE, (at + 1) * CATEGORY_PAGE_SIZE);
  const first = single ? 0 : at * CATEGORY_PAGE_SIZE;
  const lines = shown.map((c, i) => `${first + i + 1}. ${c.label}`).join('\n');
  const more =
    pages > 1
      ? `\n（第${at + 1}/${pages}页，共${choices.length}项）回复“更多”查看${at + 1 < pages ? '下一页' : '第一页'}；`
      : '\n';
  return `${lead}\n${lines}${more}请回复序号（如 1）；发送“取消”放弃。`;
}
