import { escapeMarkdown } from '../../lib/markdown-escape';
import type { OutboundPayload } from '../../outbox/outbound-payload';
import { problemVolume, type StatCounts, type StatRates } from '../stats.service';

/** A markdown payload; the outbox renderers split it to the byte limits at line breaks. */
export const markdown = (title: string, lines: string[]): OutboundPayload => ({
  msgtype: 'markdown',
  markdown: { title, text: lines.join('\n') },
});

/** 0.583 → "58%"; null → "—". */
export const pct = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/** At most `max` lines, then one line saying how many more there are. */
export function capped(lines: string[], max: number): string[] {
  return lines.length <= max ? lines : [...lines.slice(0, max), `- ……另有 ${lines.length - max} 项`];
}

/** Lines for the first `max` items (formatted lazily: formatting may be costly), then a count of the rest. */
export function cappedMap<T>(items: readonly T[], max: number, line: (item: T) => string): string[] {
  const shown = items.slice(0, max).map(line);
  return items.length <= max ? shown : [...shown, `- ……另有 ${items.length - max} 项`];
}

/** The first `n` characters of a description, on one line, inert in markdown (a person typed it). */
export const brief = (text: string, n = 24): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return escapeMarkdown([...flat].length > n ? `${[...flat].slice(0, n).join('')}…` : flat);
};

/** "响应率 80% · 解决率 50% · 满意率 100%". */
export const threeRates = (r: StatRates): string =>
  `响应率 ${pct(r.response)} · 解决率 ${pct(r.resolution)} · 满意率 ${pct(r.satisfaction)}`;

/** A 红黑榜 line: "- 市自然资源局：5 件，响应率 80% · 解决率 60% · 满意率 100%". */
export const rankLine = (name: string, b: { counts: StatCounts; rates: StatRates }): string =>
  `- ${name}：${problemVolume(b.counts)} 件，${threeRates(b.rates)}`;

/** The 红榜/黑榜 block: a heading and one line per entry, or 暂无. */
export function rankBlock(
  heading: string,
  entries: { name: string; counts: StatCounts; rates: StatRates }[],
): string[] {
  return entries.length ? [`${heading}：`, ...entries.map((e) => rankLine(e.name, e))] : [`${heading}：暂无`];
}
