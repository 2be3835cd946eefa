import { escapeMarkdown } from '../../lib/markdown-escape';
import type { AccountabilityList } from '../../services/accountability/accountability.service';
import { RULE_LABELS, type AccountabilityLine } from '../../services/accountability/rules';

/**
 * The 通报's 慢作为/不作为 section for one reader: the lines `keep` lets through (their scope), each
 * with its facts; lines explained on last month's list are left off.
 */
export function accountabilityBlock(
  list: AccountabilityList | string,
  keep: (line: AccountabilityLine) => boolean,
  max = 20,
): string[] {
  if (typeof list === 'string') return ['**慢作为、不作为名单**', list];
  const lines = list.lines.filter(keep);
  if (!lines.length) return ['**慢作为、不作为名单**：无。'];
  const shown = lines
    .slice(0, max)
    .flatMap((l) => [
      `- **${escapeMarkdown(l.subject.name)}**${l.subject.kind === 'cadre' && l.subject.unitName ? `（${escapeMarkdown(l.subject.unitName)}）` : ''}：${RULE_LABELS[l.rule]}`,
      ...l.facts.slice(0, 6).map((f) => `  ${escapeMarkdown(f)}`),
    ]);
  return [
    `**慢作为、不作为名单**（${lines.length} 条，请所在单位领导督促整改；已作说明的，在工作台“考核”页登记）：`,
    ...shown,
    ...(lines.length > max ? [`- ……另有 ${lines.length - max} 条，见工作台`] : []),
  ];
}
