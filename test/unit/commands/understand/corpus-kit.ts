import type { Role } from '../../../../src/entities/enums';
import type { CategoryOption } from '../../../../src/services/category-inference';
import { buildRosterIndex, type RosterFirm } from '../../../../src/commands/understand/roster-index';
import type { Asked, Reading, UnderstandContext } from '../../../../src/commands/understand/types';

/** The corpus roster: four firms paired with the cadre, one that is not (隆基绿能). */
export const FIRMS: Record<string, RosterFirm> = {
  qc: { id: 'qc', name: '西安秦创智能装备有限公司', shortName: '秦创智能', contacts: ['刘建国'] },
  sg: { id: 'sg', name: '西安陕鼓动力股份有限公司', shortName: '陕鼓动力', contacts: ['王丽'] },
  qj: { id: 'qj', name: '西安曲江文化旅游股份有限公司', shortName: '曲江文旅', contacts: ['张伟'] },
  hf: { id: 'hf', name: '陕西汉丰食品有限公司', shortName: '汉丰食品', contacts: ['赵敏'] },
  lj: { id: 'lj', name: '隆基绿能科技股份有限公司', shortName: '隆基绿能', contacts: ['李强'] },
};
const OWN = new Set(['qc', 'sg', 'qj', 'hf']);
export const UNITS = [
  '市亲商助企办',
  '市住房和城乡建设局',
  '市自然资源和规划局',
  '市行政审批服务局',
  '市教育局',
  '市地方金融管理局',
  '市城市管理和综合执法局',
  '市卫生健康委员会',
  '市征收办',
  '市生态环境局',
];
const kw = (name: string, words: string): CategoryOption => ({ id: name, name, keywords: words.split('、') });
/** The demo roster's catalogue (seeds/roster/问题类别.csv). */
export const CATEGORIES: CategoryOption[] = [
  kw('规划', '规划、规划许可、规划调整、容积率、方案审查、控规、红线'),
  kw('建设', '施工许可、开工、竣工验收、质量监督、消防验收、建设手续'),
  kw('土地', '用地、土地、出让、供地、地块、不动产、土地证'),
  kw('教育', '学校、幼儿园、学位、入学、配套学校、教育'),
  kw('社会事业', '医院、卫生、社区、养老、托育、社会事业'),
  kw('城管执法', '渣土、出土、运土、占道、城管、执法、扬尘、违建'),
  kw('征地拆迁', '征地、拆迁、征收、补偿、安置、遗留问题'),
  kw('市政配套', '道路、供水、供电、供气、供暖、管网、配套设施'),
  kw('审批', '审批、立项、备案、许可证、证照、核准、环评'),
  kw('融资', '融资、贷款、资金、担保、上市、银行、授信'),
  kw('诉求', '诉求、建议、反映'),
  kw('帮办', '帮办、帮忙办理、协助办理'),
];
const ROSTER = buildRosterIndex(Object.values(FIRMS));
const GROUP = { id: 'qj', name: FIRMS.qj.name };

interface SenderShape {
  roles: Role[];
  group: boolean;
}
const SENDERS: Record<string, SenderShape> = {
  c: { roles: ['cadre'], group: false },
  cg: { roles: ['cadre'], group: true },
  e: { roles: ['contact'], group: false },
  eg: { roles: ['contact'], group: true },
  h: { roles: ['handler'], group: false },
  l: { roles: ['leader'], group: false },
  a: { roles: ['admin'], group: false },
};

export interface Case {
  sender: string;
  text: string;
  intent: string;
  slots: Record<string, string>;
  /** Expected to confirm first ("?"). */
  unsure: boolean;
  ctx: UnderstandContext;
  line: string;
}

/** `sender[+rate|+confirm|+choice|+1] | text | intent slot:value … [?]` lines as cases. */
export function parseCases(block: string): Case[] {
  return block
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((line) => {
      const [who, text, expect] = line.split('|').map((p) => p.trim());
      const [sender, flag] = who.split('+');
      const shape = SENDERS[sender];
      if (!shape || text === undefined || expect === undefined) throw new Error(`bad corpus line: ${line}`);
      const [intent, ...rest] = expect.split(/\s+/);
      const slots: Record<string, string> = {};
      let unsure = false;
      for (const r of rest) {
        if (r === '?') unsure = true;
        else slots[r.slice(0, r.indexOf(':'))] = r.slice(r.indexOf(':') + 1);
      }
      const today = slots.today ?? '2026-12-01';
      const contact = shape.roles.includes('contact');
      const asked: Asked = flag === 'rate' || flag === 'confirm' || flag === 'choice' ? flag : null;
      const ctx: UnderstandContext = {
        roles: shape.roles,
        groupEnterprise: shape.group ? GROUP : null,
        today,
        inGroup: shape.group,
        roster: ROSTER,
        ownFirmIds: contact ? new Set(['qj']) : shape.roles.includes('cadre') ? OWN : new Set(),
        employer: contact ? GROUP : null,
        units: UNITS,
        categories: CATEGORIES,
        asked,
        choices:
          asked === 'choice'
            ? ['西安秦创智能装备有限公司', '西安陕鼓动力股份有限公司', '陕西汉丰食品有限公司']
            : [],
        pendingProblem: flag === '1',
        pendingRating: flag === 'rate',
      };
      return { sender, text, intent, slots, unsure, ctx, line };
    });
}

const expandDate = (d: string) => (d.length === 5 ? `2026-${d}` : d);

/** The slot values a reading holds, in the corpus's notation. */
export function slotsOf(r: Reading): Record<string, string> {
  const out: Record<string, string> = {};
  if (r.firms.length > 0) out.f = r.firms.map((f) => f.id ?? `~${f.name}`).join(',');
  const c = r.result && r.result.ok ? r.result.command : null;
  if (!c) return out;
  if (c.name === 'visit') {
    out.d = c.date;
    out.m = c.method;
  }
  if (c.name === 'report' && c.category) out.c = c.category;
  if ('verdict' in c) out.v = c.verdict;
  if ('unit' in c && c.unit) out.u = c.unit;
  if ('code' in c && c.code) out.k = c.code;
  if (c.name === 'choice') out.n = String(c.index);
  return out;
}

/** The slots a case expects that the reading got wrong, as "slot: got ≠ wanted". */
export function slotErrors(c: Case, r: Reading): string[] {
  const got = slotsOf(r);
  const errors: string[] = [];
  for (const [k, want] of Object.entries(c.slots)) {
    if (k === 'today') continue;
    const w = k === 'd' ? expandDate(want) : want;
    if (got[k] !== w) errors.push(`${k}: ${got[k] ?? '∅'} ≠ ${w}`);
  }
  if (c.unsure !== !r.sure && c.intent === r.intent) errors.push(`sure: ${r.sure} ≠ ${!c.unsure}`);
  return errors;
}

/** A creation that should not be: a sure visit or report where the case expects something else. */
export function falseCreation(c: Case, r: Reading): boolean {
  const creates = (r.intent === 'visit' || r.intent === 'report') && r.sure && r.result?.ok === true;
  return creates && (r.intent !== c.intent || c.unsure);
}

export interface Score {
  total: number;
  intentOk: number;
  slotCases: number;
  slotOk: number;
  falseCreations: string[];
  failures: string[];
  perIntent: Map<string, { n: number; ok: number }>;
}

/** Runs cases through `understand`, scoring intents, slots and false creations. */
export function score(cases: Case[], understand: (text: string, ctx: UnderstandContext) => Reading): Score {
  const s: Score = {
    total: 0,
    intentOk: 0,
    slotCases: 0,
    slotOk: 0,
    falseCreations: [],
    failures: [],
    perIntent: new Map(),
  };
  for (const c of cases) {
    const r = understand(c.text, c.ctx);
    s.total++;
    const per = s.perIntent.get(c.intent) ?? { n: 0, ok: 0 };
    per.n++;
    if (falseCreation(c, r)) s.falseCreations.push(`${c.line}  → ${r.intent}`);
    if (r.intent !== c.intent) {
      s.failures.push(`${c.line}  → intent ${r.intent} ${JSON.stringify(slotsOf(r))}`);
    } else {
      s.intentOk++;
      per.ok++;
      s.slotCases++;
      const errors = slotErrors(c, r);
      if (errors.length === 0) s.slotOk++;
      else s.failures.push(`${c.line}  → ${errors.join('; ')}`);
    }
    s.perIntent.set(c.intent, per);
  }
  return s;
}

/** "visit 98.0% (49/50)" lines, worst first. */
export function report(name: string, s: Score): string {
  const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
  const lines = [...s.perIntent.entries()]
    .sort((a, b) => a[1].ok / a[1].n - b[1].ok / b[1].n)
    .map(([k, v]) => `  ${k.padEnd(16)} ${pct(v.ok, v.n).padStart(6)} (${v.ok}/${v.n})`);
  return [
    `${name}: ${s.total} messages; intent ${pct(s.intentOk, s.total)}, slots ${pct(s.slotOk, s.slotCases)}, ` +
      `false creations ${s.falseCreations.length}`,
    ...lines,
  ].join('\n');
}
