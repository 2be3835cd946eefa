/** Common short forms of unit names: 住建 → 住房和城乡建设局. Matched against the roster's units by content. */
const UNIT_ALIASES: [RegExp, string][] = [
  [/住建(?:局|委)?|建设局|住房城乡建设局/, '住房和城乡建设局'],
  [/资规局|自然资源局|规划局|国土局|自规局/, '自然资源和规划局'],
  [/(?:行政)?审批局|政务(?:服务)?中心/, '行政审批服务局'],
  [/金融局|金融办/, '地方金融管理局'],
  [/城管(?:局|执法局)?|执法局/, '城市管理和综合执法局'],
  [/环保局|生态环境局|环境局/, '生态环境局'],
  [/人社局|人社/, '人力资源和社会保障局'],
  [/卫健委|卫生局/, '卫生健康委员会'],
  [/教育局/, '教育局'],
  [/征收办|拆迁办/, '征收办'],
  [/发改委|发改局/, '发展和改革委员会'],
  [/工信局/, '工业和信息化局'],
  [/税务局|税务/, '税务局'],
  [/供电公司|电力公司|供电局/, '供电'],
];

/** The roster unit a text names, by full name, by a name without 市/区, or by a common short form. */
export function findUnit(text: string, units: readonly string[]): string | null {
  const full = [...units].sort((a, b) => b.length - a.length).find((u) => text.includes(u));
  if (full) return full;
  const bare = units.find((u) => {
    const core = u.replace(/^(?:市|区|县)/, '');
    return core.length >= 3 && text.includes(core);
  });
  if (bare) return bare;
  for (const [re, core] of UNIT_ALIASES) {
    if (!re.test(text)) continue;
    const hit = units.filter((u) => u.includes(core));
    if (hit.length >= 1) return hit.sort((a, b) => a.length - b.length)[0];
  }
  return null;
}
