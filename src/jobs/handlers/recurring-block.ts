import { escapeMarkdown } from '../../lib/markdown-escape';
import { DIGEST_MIN_FIRMS, type FoundCluster } from '../../services/recurring/recurring.service';

/**
 * The weekly digest's 一类事 section for one reader: clusters from at least DIGEST_MIN_FIRMS firms
 * that `keep` lets through (the lead unit or a firm's district in their scope), largest first.
 */
export function recurringBlock(
  clusters: readonly FoundCluster[],
  keep: (c: FoundCluster) => boolean,
  max = 5,
): string[] {
  const shown = clusters.filter((c) => c.firms >= DIGEST_MIN_FIRMS && keep(c));
  if (!shown.length) return [];
  return [
    '**一类事（多家企业反映的同类问题）：**',
    ...shown.slice(0, max).map((c) => {
      const where = [c.category, c.leadUnit ? `牵头 ${c.leadUnit}` : null].filter(Boolean).join('，');
      return `- 本月 ${c.firms} 家企业反映 ${escapeMarkdown(c.title)}${where ? `（${escapeMarkdown(where)}）` : ''}：${c.problems
        .slice(0, 4)
        .map((p) => p.code)
        .join('、')}${c.problems.length > 4 ? ' 等' : ''}`;
    }),
    ...(shown.length > max ? [`- ……另有 ${shown.length - max} 类`] : []),
    '牵头单位领导可在工作台“考核”页发起一类事，统筹答复。',
  ];
}
