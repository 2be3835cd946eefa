/** What inference needs of a catalogue entry. */
export interface CategoryOption {
  id: string;
  name: string;
  keywords: readonly string[];
}

/** The inferred category (null: ask) and the entries worth offering first, best first. */
export interface CategoryInference<C extends CategoryOption> {
  category: C | null;
  candidates: C[];
}

const squash = (text: string) => text.replace(/\s+/g, '').toLowerCase();

/**
 * A category's score for a description: the total length of its distinct keywords (and its name)
 * found in the text, so a longer, more specific keyword outweighs a short one.
 */
export function categoryScore(description: string, category: CategoryOption): number {
  const text = squash(description);
  const words = new Set([category.name, ...category.keywords].map(squash).filter((w) => w !== ''));
  let score = 0;
  for (const word of words) if (text.includes(word)) score += word.length;
  return score;
}

/** The entry an explicit word (【土地】) names: exact name, else the one name containing it, else null. */
function byExplicitWord<C extends CategoryOption>(word: string, categories: readonly C[]): C | null {
  const w = squash(word);
  if (w === '') return null;
  const exact = categories.find((c) => squash(c.name) === w);
  if (exact) return exact;
  const partial = categories.filter((c) => squash(c.name).includes(w) || w.includes(squash(c.name)));
  if (partial.length === 1) return partial[0];
  const byKeyword = categories.filter((c) => c.keywords.some((k) => squash(k) === w));
  return byKeyword.length === 1 ? byKeyword[0] : null;
}

/**
 * The catalogue category of a report: the explicit word the sender gave when it names one entry,
 * else the single best keyword score. Ties and no hits give null, so the bot asks with numbered
 * choices (`candidates` first, the hits in score order).
 */
export function inferCategory<C extends CategoryOption>(
  description: string,
  categories: readonly C[],
  explicit: string | null = null,
): CategoryInference<C> {
  const scored = categories
    .map((c) => ({ c, score: categoryScore(description, c) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  const candidates = scored.map((s) => s.c);
  const named = explicit ? byExplicitWord(explicit, categories) : null;
  if (named) return { category: named, candidates };
  const unique = scored.length > 0 && (scored.length === 1 || scored[0].score > scored[1].score);
  return { category: unique ? scored[0].c : null, candidates };
}
