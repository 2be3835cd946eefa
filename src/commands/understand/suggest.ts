import { filledRecord } from '../parser/examples';
import type { CommandName } from '../parser/types';

/** Words that hint at each command, for ranking what a message nobody understood most likely meant. */
const HINTS: Partial<Record<CommandName, RegExp>> = {
  visit: /走访|拜访|去了|去过|上门|电话|视频|座谈|联系|登记|见了|聊/,
  report: /问题|困难|反映|上报|难|没下来|诉求|帮忙|希望|卡/,
  myEnterprises: /企业|包联|几家/,
  myTasks: /待办|任务|进度|进展|办得|哪一步/,
  show: /查|看|编号|W\d/i,
  accept: /收到|受理|签收|接/,
  answer: /办好|办结|答复|完成|解决了/,
  return: /退回|不归|不是我们|找错/,
  extend: /延期|宽限|延长/,
  transfer: /转办|转给|转到/,
  rate: /满意|评价|还行|不错/,
  rateCadre: /干部|打分|星/,
  confirmVisit: /确认|来过/,
  withdraw: /撤回|不用办/,
  urge: /催/,
  supervise: /督办/,
  decideExtension: /同意|批准|延期/,
};

/** How each command is said in a sentence: the fallback's examples. */
export const SENTENCE_EXAMPLES: Partial<Record<CommandName, string>> = filledRecord({
  visit: '登记走访：“昨天去{firm}，了解用工”',
  report: '反映问题：“{firm}的土地证还没下来，帮忙反映一下”',
  myEnterprises: '查看包联企业：“我的企业”',
  myTasks: '查看待办：“我的待办”',
  show: '查问题进度：“W20261123-0007 到哪一步了”',
  accept: '受理问题：“收到”（只有一个待办时）或“受理 编号”',
  answer: '答复办理结果：“办好了，已通知企业领证”',
  return: '退回：“这个不归我们管”',
  extend: '申请延期：“申请延期5个工作日，等专家评审”',
  transfer: '转办：“W20261123-0007 转给住建局”',
  rate: '评价办理结果：“满意” / “还行” / “不满意，证还没拿到”',
  rateCadre: '评价包联干部：“给干部打5分”',
  confirmVisit: '确认走访：“确认走访”',
  withdraw: '撤回问题：“问题已经自己解决了，撤回”',
  urge: '催办：“催一下 W20261123-0007”',
  supervise: '督办：“督办 W20261123-0007”',
  decideExtension: '审批延期：“同意延期 W20261123-0007”',
  coHandle: '增加协办单位：“W20261123-0007 请城管局协办”',
  deliver: '送达：“送达 W20261123-0007”',
  bindGroup: '绑定企业群：“绑定企业 {firm}”',
});

/**
 * The two or three commands a sender most likely meant, among those they may use (`allowed`, in the order of
 * their role's everyday use): commands whose hint words the text holds first, then the everyday ones.
 */
export function likelyCommands(text: string, allowed: readonly CommandName[], count = 3): CommandName[] {
  const usable = allowed.filter((n) => SENTENCE_EXAMPLES[n] !== undefined);
  const hinted = usable.filter((n) => HINTS[n]?.test(text));
  const rest = usable.filter((n) => !hinted.includes(n));
  return [...hinted, ...rest].slice(0, count);
}
