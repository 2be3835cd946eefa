import { foldWidth } from '../parser/text';

/** Emoji, variation selectors and keycaps: they carry tone, not content. */
const EMOJI_RE = /\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\uFE0F|\u200D|\u20E3/gu;

/** WeChat-style bracketed stickers typed as text: [微笑], [抱拳]. */
const STICKER_RE = /\[(?:微笑|抱拳|握手|强|赞|玫瑰|偷笑|愉快|呲牙|OK|ok|合十|胜利|鼓掌|憨笑|耶)\]/g;

/** Fillers that open a message or a clause and say nothing: 嗯, 那个, 就是, 呃, 额, 那啥. */
const FILLER_RE = /(^|[，,。\s])(?:嗯+|呃+|额+|啊+|那个+|就是说?|那啥|这个嘛|emmm*)[，,\s]*/g;

/** The command words, with anything typed between their characters removed ("登记 走访"). */
const COMMAND_WORDS = [
  '登记走访',
  '上报问题',
  '反映问题',
  '问题上报',
  '我的企业',
  '我的待办',
  '评价干部',
  '确认走访',
];
const SPACED_WORD_RES = COMMAND_WORDS.map((w) => [new RegExp([...w].join('[\\s　]+'), 'g'), w] as const);

/** Homophone and near-miss typos of the command words and the dialect forms of common words. */
const REWRITES: [RegExp, string][] = [
  [/等级走访|登级走访|等记走访|灯记走访|登机走访/g, '登记走访'],
  [/走访等级|走访登级/g, '走访登记'],
  [/上保问题|尚报问题|上包问题/g, '上报问题'],
  [/受里|授理/g, '受理'],
  [/答付|达复/g, '答复'],
  [/催半|摧办/g, '催办'],
  [/督半|都办/g, '督办'],
  [/昨儿个|昨儿|昨个/g, '昨天'],
  [/今儿个|今儿/g, '今天'],
  [/前儿个|前个儿|前儿/g, '前天'],
  [/晌午/g, '中午'],
  [/那儿/g, '那里'],
  [/这儿/g, '这里'],
  [/电联/g, '电话联系'],
];

/**
 * The text the understanding pipeline reads: width folded, emoji and stickers gone, fillers dropped, command
 * words rejoined and their common typos and dialect forms rewritten, whitespace collapsed.
 */
export function normalizeMessage(text: string): string {
  let t = foldWidth(text).replace(EMOJI_RE, '').replace(STICKER_RE, '');
  for (const [re, word] of SPACED_WORD_RES) t = t.replace(re, word);
  for (const [re, word] of REWRITES) t = t.replace(re, word);
  t = t.replace(FILLER_RE, '$1');
  return t
    .replace(/\s+/g, ' ')
    .replace(/^[\s，,。.!！~～]+|[\s，,~～]+$/g, '')
    .trim();
}
