import type { Verdict } from '../../entities/enums';
import { can } from '../../services/permissions';
import { DAYS_RE } from '../parser/problem-action.parser';
import { parseChineseNumber } from '../parser/chinese-number';
import { takeProblemCode } from '../parser/problem-code';
import { incomplete, parsed } from '../parser/results';
import type { ParseResult } from '../parser/types';
import { findUnit } from './units';
import type { Intent, Reading, UnderstandContext } from './types';

const make = (intent: Intent, result: ParseResult | null, sure = true): Reading => ({
  intent,
  sure,
  result,
  firms: [],
  problems: [],
  question: null,
});

const HELP_RE =
  /^(?:请问)?(?:怎么|咋|如何)(?:样)?(?:评价|绑定|确认|查|撤回)|^(?:这个)?(?:机器人|助手|小助手)?(?:怎么|咋|如何)(?:用|使用|操作|弄|玩|登记|反映问题|上报|报问题)|能(?:干|做)(?:什么|啥)|有(?:什么|哪些)功能|使用说明|^帮助$|^菜单$|不会用/;
const CANCEL_RE = /^(?:不要了|不用了|算了|取消|不登了|别登了|不弄了|先不了?)[。!！]*$/;
const MY_FIRMS_RE =
  /我名下的企业|我(?:的|联系的|包联的|包的|负责的|对接的)(?:企业|公司)|我包了哪|(?:哪些|哪几家)企业(?:还)?(?:没|未)(?:走访|联系)|走访了几家|联系了几家|我(?:负责|包联)(?:哪些|几家)/;
const MY_TASKS_RE =
  /待办|我的(?:问题|任务)|手上有(?:哪些|什么|啥)|(?:问题|那件事|那个事)(?:现在)?(?:到哪一?步|办得怎么样|办得咋样|怎么样了|进展|什么进度|有进展)|待我审批|有(?:几个|哪些)问题没办|没办的问题|要我审批|要我(?:办|处理)|最近有什么事|有(?:什么|啥)要(?:我)?办/;
const SHOW_RE = /查看|看下|看看|看一下|查一下|查下|详情|到哪一?步|进展|怎么样了|进度/;
const URGE_RE = /催/;
const SUPERVISE_RE = /督办/;
const EXT_DECIDE_RE =
  /(?:同意|批准|准予|不同意|驳回|不批准|拒绝).{0,20}延期|延期.{0,6}(?:同意|批准|不同意|驳回)/;
const TRANSFER_RE = /转(?:给|到|交|办)|改派|交给/;
const CO_HANDLE_RE = /协办|会办/;
const WITHDRAW_RE = /撤回|撤单|不用(?:再)?办了|自己解决了|自行解决/;
const CONFIRM_VISIT_RE = /确认\s*(?:一下)?\s*走访|走访.{0,4}确认|(?:上门|来过|来了|走访|拜访).{0,10}确认/;
const CADRE_SCORE_RE = /(?:给)?干部(?:打|评|评价|评分)|干部.{0,10}[1-5一二三四五]\s*(?:分|颗星|星)/;
const SCORE_RE = /([1-5一二三四五])\s*(?:分|颗星|星)/;

const VERDICT_WORDS: [RegExp, Verdict][] = [
  [/不满意|没解决|未解决|不行|太慢|很差|差评|拖了/, 'unsatisfied'],
  [/基本满意|还行|还可以|一般|凑合|马马虎虎|还算满意|比较满意|过得去/, 'basic'],
  [/满意|挺好|很好|不错|好评|点赞|给力|太好了|谢谢|感谢/, 'satisfied'],
];

/** A verdict in a reply to a rating request: 满意 / 还行 / 不满意，… */
function verdictOf(text: string): { verdict: Verdict; comment: string | null; weak: boolean } | null {
  for (const [re, verdict] of VERDICT_WORDS) {
    const m = re.exec(text);
    if (!m) continue;
    const comment = text.replace(m[0], '').replace(/^[，,。\s！!吧啊]+|[，,。\s！!]+$/g, '');
    // "好的，谢谢" answers politely but says little about the work: confirm before storing.
    const weak = verdict === 'satisfied' && !/满意|挺好|很好|不错|好评|给力|太好了/.test(text);
    return { verdict, comment: comment === '' ? null : comment, weak };
  }
  return null;
}

const HANDLER_STEPS: [RegExp, 'return' | 'extend' | 'answer' | 'accept'][] = [
  [
    /不(?:是|归|属于)(?:我们|我单位|本单位|我局|我们单位)|不归我们|找错|非本单位|应该找|不是我们的事|归.{2,8}管/,
    'return',
  ],
  [/宽限|延期|延长|缓几天|多给几天|晚几天|推迟/, 'extend'],
  [
    /办好了|处理好了|办理好了|弄好了|已办结|办结了|已经办好|已答复|答复了|处理完|办完了|搞定|已解决|问题解决了|已通知企业|已处理/,
    'answer',
  ],
  [/^(?:收到|好的?|好，|马上办|我们来(?:处理|办)|已签收|签收|接了|明白|了解，|ok)/i, 'accept'],
];

/** A handler's step in words, applying to their one pending problem or to a code given. */
function handlerStep(text: string, code: string | null, ctx: UnderstandContext): Reading | null {
  if (!can(ctx, 'accept') && !can(ctx, 'answer')) return null;
  if (!ctx.pendingProblem && code === null) return null;
  for (const [re, step] of HANDLER_STEPS) {
    if (!re.test(text)) continue;
    if (step === 'accept') {
      if (/^(?:谢谢|辛苦)/.test(text)) return null;
      return make('accept', parsed({ name: 'accept', code }));
    }
    if (step === 'return') return make('return', parsed({ name: 'return', code, reason: text }));
    if (step === 'answer') return make('answer', parsed({ name: 'answer', code, text }));
    const days = DAYS_RE.exec(text);
    const n = days ? (parseChineseNumber(days[1]) ?? 0) : 0;
    if (n < 1)
      return make('extend', incomplete('extend', ['days'], { name: 'extend', code, reason: text }), false);
    return make('extend', parsed({ name: 'extend', code, days: n, reason: text }));
  }
  return null;
}

/**
 * Intents that cue words settle before the command parser: queries in words, problem steps said in words
 * (a code or the sender's pending problem), ratings answering a rating request. Null: not one of them.
 */
export function readIntentWords(text: string, ctx: UnderstandContext, code: string | null): Reading | null {
  const rest = code === null ? text : takeProblemCode(text).rest.replace(/^[\s，,:：]+/, '');
  if (CANCEL_RE.test(text)) return make('cancel', parsed({ name: 'cancel' }));
  if (text.length <= 16 && HELP_RE.test(text)) return make('help', parsed({ name: 'help' }));
  const isContact = ctx.roles.includes('contact');
  // Command-shaped messages ("评价 W… 满意") are the command parser's.
  if (/^(?:评价|登记|上报|绑定|受理|转办|退回|答复|申请延期|撤回|查看|质检|送达)/.test(text)) return null;
  if (isContact && (ctx.asked === 'rate' || ctx.pendingRating) && !CADRE_SCORE_RE.test(text)) {
    const v = verdictOf(rest);
    if (v) return make('rate', parsed({ name: 'rate', code, ...v }), !v.weak);
  }
  if (code !== null) {
    if (SUPERVISE_RE.test(text)) return make('supervise', parsed({ name: 'supervise', code }));
    if (EXT_DECIDE_RE.test(text)) {
      const approve = !/不同意|驳回|不批准|拒绝/.test(text);
      return make('decideExtension', parsed({ name: 'decideExtension', code, approve, reason: null }));
    }
    if (URGE_RE.test(text)) return make('urge', parsed({ name: 'urge', code }));
    const unit = findUnit(text, ctx.units);
    if (CO_HANDLE_RE.test(text) && unit) return make('coHandle', parsed({ name: 'coHandle', code, unit }));
    if (TRANSFER_RE.test(text) && unit) return make('transfer', parsed({ name: 'transfer', code, unit }));
    const step = handlerStep(rest, code, ctx);
    if (step) return step;
    if (SHOW_RE.test(text) || text.replace(/编号|问题|[:：\s]/g, '').length <= 14) {
      return make('show', parsed({ name: 'show', code }));
    }
  }
  if (MY_FIRMS_RE.test(text)) return make('myEnterprises', parsed({ name: 'myEnterprises' }));
  const step = handlerStep(text, code, ctx);
  if (step) return step;
  if (isContact && WITHDRAW_RE.test(text))
    return make('withdraw', parsed({ name: 'withdraw', code, reason: text }));
  if (isContact && CONFIRM_VISIT_RE.test(text))
    return make('confirmVisit', parsed({ name: 'confirmVisit', id: null }));
  if (isContact && CADRE_SCORE_RE.test(text)) {
    const m = SCORE_RE.exec(text);
    if (!m) return make('rateCadre', incomplete('rateCadre', ['score']), false);
    const score = Number(m[1]) || '一二三四五'.indexOf(m[1]) + 1;
    const comment = text
      .replace(m[0], '')
      .replace(CADRE_SCORE_RE, '')
      .replace(/^[，,。\s打给]+|[，,。\s]+$/g, '');
    return make('rateCadre', parsed({ name: 'rateCadre', score, comment: comment === '' ? null : comment }));
  }
  if (MY_TASKS_RE.test(text)) return make('myTasks', parsed({ name: 'myTasks' }));
  return null;
}
