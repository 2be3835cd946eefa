import { inferCategory, type CategoryOption } from '../../services/category-inference';
import { DEFAULT_CATEGORY_WORDS } from './category-lexicon';

/** The catalogue with the shipped colloquial synonyms added to each category's roster keywords. */
export function withDefaultWords(categories: readonly CategoryOption[]): CategoryOption[] {
  return categories.map((c) => ({
    ...c,
    keywords: [...new Set([...c.keywords, ...(DEFAULT_CATEGORY_WORDS[c.name] ?? [])])],
  }));
}

/** The category a description is about (by name), or null when none or two are close: then the bot asks. */
export function guessCategory(description: string, categories: readonly CategoryOption[]): string | null {
  return inferCategory(description, withDefaultWords(categories)).category?.name ?? null;
}
