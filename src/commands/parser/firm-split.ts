import { isAbbreviationOf } from './abbreviation';

/** Verbs that start what was done or found; the firm's name ends before them ("曲江文旅了解用工情况"). */
const ACTIVITY_WORDS = [
  '了解',
  '调研',
  '协调',
  '宣传',
  '宣讲',
  '听取',
  '解决',
  '帮助',
  '帮扶',
  '沟通',
  '对接',
  '商讨',
  '讨论',
  '交流',
  '询问',
  '慰问',
  '检查',
  '指导',
  '推进',
  '落实',
  '查看',
  '核实',
  '督促',
  '跟进',
  '收集',
  '征求',
  '研究',
  '介绍',
  '送政策',
  '关于',
  '针对',
  '围绕',
  '反映',
];
const ACTIVITY_RE = new RegExp(ACTIVITY_WORDS.join('|'));

/** Whether a chunk opens with an activity verb, so it is a summary and not a firm ("了解用工情况"). */
export function startsWithActivity(chunk: string): boolean {
  return ACTIVITY_RE.exec(chunk)?.index === 0;
}

/** Endings of firm names; several may follow each other (集团有限公司). */
const FIRM_ENDINGS =
  '股份有限公司|有限责任公司|有限公司|集团公司|集团|公司|研究院|研究所|医院|学校|合作社|工厂|厂';
const FIRM_NAME_RE = new RegExp(`^(.+?(?:${FIRM_ENDINGS})+)(.+)$`);
const FIRM_ENDING_RE = new RegExp(`(?:${FIRM_ENDINGS})$`);

/**
 * Splits a chunk typed without a space into the firm and what follows: at the first activity verb (after at
 * least two characters), else after a company-name ending. `rest` is '' when the chunk is all firm.
 */
export function splitFirm(chunk: string): { firm: string; rest: string } {
  const verb = ACTIVITY_RE.exec(chunk.slice(2));
  if (verb !== null) {
    const at = verb.index + 2;
    return { firm: chunk.slice(0, at), rest: chunk.slice(at) };
  }
  const named = FIRM_NAME_RE.exec(chunk);
  return named === null ? { firm: chunk, rest: '' } : { firm: named[1], rest: named[2] };
}

/** How a description, not a firm's name, tends to start: 希望…, 需要…, 没有…. */
const DESCRIPTION_START_RE =
  /^(?:希望|需要|要求|请求|申请|建议|请|能否|可否|如何|怎么|没有|缺|无法|不能|急需|尽快|目前|现在)/;

/** Whether a chunk opens like a description rather than a firm's name. */
export function startsLikeDescription(chunk: string): boolean {
  return DESCRIPTION_START_RE.test(chunk);
}

/** Whether a lone chunk reads as a firm's name: ending like one (…有限公司), or short and not a request. */
export function looksLikeFirmName(chunk: string): boolean {
  return FIRM_ENDING_RE.test(chunk) || (chunk.length <= 8 && !startsLikeDescription(chunk));
}

/** Whether a typed firm name and a group's firm name are the same firm, loosely (short name or abbreviation). */
export function sameFirm(typed: string, name: string): boolean {
  return (
    (typed.length >= 2 && (name.includes(typed) || typed.includes(name))) || isAbbreviationOf(typed, name)
  );
}
