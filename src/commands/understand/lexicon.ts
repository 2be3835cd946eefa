import type { VisitMethod } from '../../entities/enums';

/** Words that name how a contact was made, in sentences as people type them. Longest match wins. */
export const METHOD_LEXICON: Record<string, VisitMethod> = {
  上门: 'onsite',
  现场: 'onsite',
  实地: 'onsite',
  去了: 'onsite',
  去过: 'onsite',
  到了: 'onsite',
  跑了: 'onsite',
  坐了坐: 'onsite',
  看了看: 'onsite',
  转了一圈: 'onsite',
  走了一趟: 'onsite',
  跑了一趟: 'onsite',
  去了趟: 'onsite',
  走访: 'onsite',
  拜访: 'onsite',
  电话: 'phone',
  打了个电话: 'phone',
  通了电话: 'phone',
  通了个电话: 'phone',
  微信语音: 'phone',
  语音通话: 'phone',
  语音: 'phone',
  电话联系: 'phone',
  视频: 'video',
  腾讯会议: 'video',
  钉钉视频: 'video',
  钉钉会议: 'video',
  视频号: 'video',
  视频会议: 'video',
  线上会议: 'video',
  线上: 'video',
  连线: 'video',
  座谈: 'meeting',
  座谈会: 'meeting',
  现场办公: 'meeting',
  开会: 'meeting',
  碰头会: 'meeting',
};

const byLength = (words: string[]): string[] => [...words].sort((a, b) => b.length - a.length);
export const METHOD_RE = new RegExp(byLength(Object.keys(METHOD_LEXICON)).join('|'), 'g');

/** "没去现场", "不是上门": a method said not to have been used; cut before methods are read. */
export const NEGATED_METHOD_RE = /(?:没有?|未|不是|并非)(?:去|到)?(?:现场|上门|实地|见面|当面)(?:去)?/g;

/** A contact that did not happen: 没去成, 没联系上, 忘了, 没去. */
export const DID_NOT_HAPPEN_RE =
  /没(?:有)?(?:去成|去了|能去|联系上|打通|见到|见上|成行)|未能(?:成行|联系|前往)|没打(?:电话|通)|忘了|取消了|改天|泡汤|的路上|在路上|(?:^|[，,])(?:今天|昨天)?没去(?!现场)/;

/** Words that make a sentence a plan, not a report: 明天, 下周, 准备, 打算. */
export const PLAN_RE =
  /明天|明早|后天|下周|下个?星期|下个?礼拜|下个?月|准备|打算|计划|将要|约了|要去|想去|再来|回头去|过两天|过几天|择日/;

/** Words that a contact happened (besides method words): "去刘总那里坐了坐", "喝了杯茶". */
export const VISIT_CUE_RE =
  /走了一趟|跑了一趟|串了个门|从.{2,12}(?:回来|出来)|走访|拜访|回访|上门|去了|去过|到了|跑了|坐了|看了看|转了|聊了|聊聊|见了|喝了杯茶|通了|打了|电话|视频|连线|语音|会议|座谈|现场办公|沟通|对接了|交流了|调研了|去趟|去了趟|了解了|跟.{0,8}聊|和.{0,8}聊|去.{2,12}(?:了|过)|给.{2,12}打/;

/** Words that a firm has a problem or a wish (a report): 难, 还没下来, 希望, 不放款. */
export const PROBLEM_CUE_RE =
  /问题|困难|难[题办度]?|没下来|还没(?:有)?(?:批|办|修|下来|通|拿到|解决|落实)|办不下来|批不下来|卡住|卡在|等了|希望|想申请|想融资|想问|不放款|贷不到|缺|紧张|不够|诉求|需求|需要|帮忙|协调|老是|一直(?:没|不)|怎么办|扬尘|停电|停水|没有学位|上不了学|申请不下来|拖了|迟迟|未批|没批|反映/;

/** A note that there is no problem, which must never become one. */
export const NO_PROBLEM_NOTE_RE =
  /暂(?:时)?(?:无|没有)(?:困难|问题|诉求)|没有(?:发现)?(?:什么)?(?:问题|困难)|无(?:问题|困难)|(?:经营|生产|一切)(?:情况)?(?:正常|良好|挺好)|一切正常/;

/** Words that a report is asked for explicitly. */
export const REPORT_WORD_RE =
  /报个问题|报一下|报下|上报|问题上报|反映问题|反映一下|反映个|反映：|帮忙反映|我要反映|有个诉求|有个问题|提个诉求/;

/** A question about a firm, not a report about it: "曲江文旅的电话是多少". */
export const QUESTION_RE = /(?:是多少|是谁|是哪位|在哪(?:里|儿)?|怎么走|什么时候|几点)[？?]?$/;

/** A past statement without a date word: "电话沟通的" (what was done, told afterwards). */
export const PAST_STATEMENT_RE = /(?:沟通|联系|聊|谈|打|去|见)的[，,。]|(?:沟通|联系|聊|谈)的$/;

/** Verbs that, with a plan word, make a planned contact: 明天去X, 下周和X开座谈会. */
export const PLANNED_CONTACT_RE = /去|吃饭|约|见|走访|拜访|电话|见面|调研|座谈|看看|联系|开会|上门/;

/** Politeness, greetings, acknowledgements: never a command on their own. */
export const CHITCHAT_RE =
  /^(?:你好|您好|大家好|在吗|在不在|谢谢|谢谢你们的帮助|多谢|辛苦了|辛苦|好的|好|好嘞|好滴|收到|嗯嗯|哈哈+|ok|OK|早|早上好|晚安|再见|拜拜|不客气|没事|行|可以)[，,。!！~～\s]*(?:谢谢|收到|辛苦了|好的)?[。!！~～]*$/;
