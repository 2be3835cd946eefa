import type { Verdict } from '../../entities/enums';
import { NUMBER_SOURCE, parseChineseNumber } from './chinese-number';
import { takeProblemCode } from './problem-code';
import { incomplete, parsed, refused } from './results';
import { afterLeadingWord, cutSpan, tidy } from './text';
import type { CommandParser, ParseResult } from './types';

/** The free text after a code, without the little words people put before it (转办给…, 原因：…). */
function argument(text: string, lead: RegExp): string {
  return tidy(tidy(text).replace(lead, ''));
}

const orNull = (text: string): string | null => (text === '' ? null : text);

const VERDICTS: [RegExp, Verdict][] = [
  [/(?:非常|很|十分)?不(?:太)?满意/, 'unsatisfied'],
  [/(?:基本|比较|还算|还算是)满意|一般/, 'basic'],
  [/(?:非常|很|十分)?满意/, 'satisfied'],
];

const BARE_VERDICT_RE = /^(?:非常|很)?(?:不|基本|比较)?满意[。.!！]*$/;

export const DAYS_RE = new RegExp(`(${NUMBER_SOURCE})\\s*个?\\s*(?:工作日|工作天|天|日)`);

/** Reads the verdict; 不满意 is tried before 满意 because it contains it. */
function parseRate(code: string | null, rest: string): ParseResult {
  for (const [re, verdict] of VERDICTS) {
    const m = re.exec(rest);
    if (m !== null) {
      const comment = argument(cutSpan(rest, m.index, m[0].length), /^(?:意见|理由|原因)\s*[:：]?/);
      return parsed({ name: 'rate', code, verdict, comment: orNull(comment) });
    }
  }
  return incomplete('rate', ['verdict']);
}

function parseExtend(code: string | null, rest: string): ParseResult {
  const m = DAYS_RE.exec(rest);
  const reason = argument(
    m === null ? rest : cutSpan(rest, m.index, m[0].length),
    /^(?:原因|理由)\s*[:：]?|^因为?/,
  );
  if (m === null || reason === '') {
    return incomplete('extend', [...(m === null ? ['days'] : []), ...(reason === '' ? ['reason'] : [])]);
  }
  const days = parseChineseNumber(m[1]) ?? 0;
  if (days < 1 || days > 60)
    return refused('extend', 'invalid_days', `延期天数应为1到60个工作日，您写的是“${m[0]}”。`);
  return parsed({ name: 'extend', code, days, reason });
}

type ActionBuilder = (code: string | null, rest: string) => ParseResult;

/** Verbs (longest first is handled by afterLeadingWord) and how each action reads what follows the code. */
const ACTIONS: [string[], ActionBuilder][] = [
  [['受理', '签收', '接收'], (code) => parsed({ name: 'accept', code })],
  [
    ['转办', '转交', '转给', '改派'],
    (code, rest) => {
      const unit = argument(rest, /^(?:给|至|到|为)/);
      return unit === '' ? incomplete('transfer', ['unit']) : parsed({ name: 'transfer', code, unit });
    },
  ],
  [
    ['增加协办', '协办单位', '协办', '会办'],
    (code, rest) => {
      const unit = argument(rest, /^(?:单位)?(?:为|：|:)?/);
      return unit === '' ? incomplete('coHandle', ['unit']) : parsed({ name: 'coHandle', code, unit });
    },
  ],
  [
    ['退回', '回退'],
    (code, rest) => {
      const reason = argument(rest, /^(?:原因|理由)\s*[:：]?|^因为?/);
      return reason === '' ? incomplete('return', ['reason']) : parsed({ name: 'return', code, reason });
    },
  ],
  [
    ['答复', '回复', '办结'],
    (code, rest) => {
      const text = argument(rest, /^(?:办理结果|结果|答复内容|内容)\s*[:：]?/);
      return text === '' ? incomplete('answer', ['text']) : parsed({ name: 'answer', code, text });
    },
  ],
  [['申请延期', '延期申请', '延期'], parseExtend],
  [['评价'], parseRate],
  [
    ['代评', '代为评价', '代企业评价'],
    (code, rest) => {
      const result = parseRate(code, rest);
      if (result.ok && result.command.name === 'rate')
        return parsed({ ...result.command, name: 'rateProxy' });
      if (!result.ok && result.command === 'rate' && result.missing.length > 0) {
        return incomplete('rateProxy', result.missing, result.partial);
      }
      return result;
    },
  ],
  [
    ['撤回', '撤销', '撤单'],
    (code, rest) =>
      parsed({ name: 'withdraw', code, reason: orNull(argument(rest, /^(?:原因|理由)\s*[:：]?/)) }),
  ],
  [['催办', '催一下', '催促'], (code) => parsed({ name: 'urge', code })],
  [['送达', '已送达'], (code) => parsed({ name: 'deliver', code })],
  [
    ['质检'],
    (code, rest) => {
      const solved = /未解决|没(?:有)?解决|不解决/.test(rest) ? false : /解决/.test(rest) ? true : null;
      if (code === null || solved === null) {
        return incomplete('qualityAnswer', [
          ...(code === null ? ['code'] : []),
          ...(solved === null ? ['solved'] : []),
        ]);
      }
      return parsed({ name: 'qualityAnswer', code, solved });
    },
  ],
  [['督办'], (code) => parsed({ name: 'supervise', code })],
  [
    ['同意延期', '批准延期', '准予延期'],
    (code, rest) =>
      parsed({
        name: 'decideExtension',
        code,
        approve: true,
        reason: orNull(argument(rest, /^(?:意见)\s*[:：]?/)),
      }),
  ],
  [
    ['不同意延期', '驳回延期', '拒绝延期', '不批准延期'],
    (code, rest) =>
      parsed({
        name: 'decideExtension',
        code,
        approve: false,
        reason: orNull(argument(rest, /^(?:原因|理由)\s*[:：]?/)),
      }),
  ],
];

/** Sorted once so that 不同意延期 wins over 延期 and 申请延期 over 延期 whatever the table order. */
const VERBS = ACTIONS.flatMap(([verbs]) => verbs);
const BUILDER = new Map(ACTIONS.flatMap(([verbs, build]) => verbs.map((v) => [v, build] as const)));

/** 受理/转办/退回/答复/申请延期/评价/撤回/催办/督办/送达/同意延期/不同意延期 [编号] …, 质检 <编号> 已解决/未解决, and 查看 <编号>, 确认走访 [id]. */
export const parseProblemAction: CommandParser = (text) => {
  // A bare verdict answers the rating the bot just asked for.
  if (BARE_VERDICT_RE.test(text)) return parseRate(null, text);
  const show = afterLeadingWord(text, ['查看', '查询', '详情']);
  if (show !== null) {
    const { code } = takeProblemCode(show.rest);
    if (code !== null) return parsed({ name: 'show', code });
    return show.rest === ''
      ? incomplete('show', ['code'])
      : refused('show', 'invalid_code', `“${show.rest}”不是问题编号，编号形如 W20261123-0007。`);
  }
  const confirm = afterLeadingWord(text, ['确认走访', '走访确认']);
  if (confirm !== null) return parsed({ name: 'confirmVisit', id: orNull(confirm.rest.split(' ')[0] ?? '') });
  const head = afterLeadingWord(text, VERBS);
  if (head === null) return null;
  const { code, rest } = takeProblemCode(head.rest);
  return BUILDER.get(head.word)?.(code, rest) ?? null;
};
