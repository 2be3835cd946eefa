import { filledRecord } from './examples';
import type { CommandName } from './types';

/**
 * One line per command: how to type it, with an example. Used by 帮助 and by hints for missing parts.
 * The examples name firms and units of the roster the service runs with (see examples.ts).
 */
export const USAGE: Record<CommandName, string> = filledRecord<CommandName>({
  visit: '登记走访 企业 日期 方式 情况，例：登记走访 {firm} 昨天 上门 了解用工情况',
  report: '上报问题 企业 问题描述，例：上报问题 {firm} 【土地】 厂房用地指标迟迟未批',
  myEnterprises: '我的企业：查看包联的企业',
  myTasks: '我的待办：查看待办的问题',
  show: '查看 编号，例：查看 W20261123-0007',
  accept: '受理 [编号]，例：受理 W20261123-0007',
  transfer: '转办 [编号] 单位，例：转办 W20261123-0007 {unit}',
  coHandle: '协办 [编号] 单位：增加协办单位，例：协办 W20261123-0007 {unit2}',
  return: '退回 [编号] 原因，例：退回 W20261123-0007 不属于本单位职责',
  answer: '答复 [编号] 办理结果，例：答复 W20261123-0007 已协调供电公司，下周通电',
  extend: '申请延期 [编号] 天数 原因，例：申请延期 W20261123-0007 5个工作日 等待规划审批',
  rate: '评价 [编号] 满意/基本满意/不满意 [意见]，例：评价 W20261123-0007 满意 办得很快',
  rateProxy:
    '代评 编号 满意/基本满意/不满意 如何确认（企业无联系人时由包联干部代为评价），例：代评 W20261123-0007 满意 电话确认',
  withdraw: '撤回 [编号] [原因]，例：撤回 W20261123-0007 问题已自行解决',
  urge: '催办 [编号]，例：催办 W20261123-0007',
  supervise: '督办 [编号]，例：督办 W20261123-0007',
  decideExtension: '同意延期 / 不同意延期 [编号] [原因]，例：不同意延期 W20261123-0007 请按期办结',
  deliver: '送达 [编号]：服务结果已送达企业，例：送达 W20261123-0007',
  qualityAnswer: '质检 编号 已解决/未解决：回答回访，例：质检 W20261123-0007 已解决',
  confirmVisit: '确认走访：确认干部确实来访或联系过',
  rateCadre: '评价干部 1-5分 [意见]，例：评价干部 5分 服务很周到',
  bind: '绑定 手机号 [验证码]，例：绑定 13800138000',
  decideBinding: '同意绑定 / 拒绝绑定 申请号：审核绑定申请，例：同意绑定 12',
  unbind: '解除绑定 手机号：解除此人的全部聊天账号绑定，例：解除绑定 13800138000',
  bindGroup: '绑定企业 企业名称（在企业群里发），例：绑定企业 {firm}',
  help: '帮助：查看可用的命令',
  cancel: '取消：放弃当前操作',
  choice: '回复数字：在列出的选项中选择一项',
  publishPolicy:
    '发布政策 标题：… 摘要：… 链接：… 范围：区县/行业/企业或项目单位/信用代码/全部 咨询单位：…，例：发布政策 标题：2026年稳岗补贴申报 范围：{district}、制造业 咨询单位：{unit} 链接：https://example.cn/p/1',
  policyReport: '政策 编号：查看政策的送达、已阅和咨询情况，例：政策 1',
  ackPolicy: '已阅 [政策编号]：确认收到推送的政策，例：已阅 1',
  consultPolicy: '咨询 [政策编号] 问题：就推送的政策提问，例：咨询 1 申报需要哪些材料？',
  scheduleSession:
    '现场办公 企业 日期 地点：… [主持：…] [邀请：单位、单位]，例：现场办公 {firm} 12月3日 地点：企业会议室 邀请：{unit}、{unit2}',
  sessionOutcome:
    '现场解决 编号 [说明] / 限期解决 编号 日期 责任单位 / 不能解决 编号 原因，例：限期解决 W20261123-0007 12月20日 {unit2}',
  leaderStats: '本月统计 / 本周统计：您分管范围的三率、问题数和图表，例：本月统计',
  leaderRankings: '红黑榜：本月各单位、各区县排名',
  overdueList: '超期问题：红色、黄色预警问题清单，回复“查看 序号”看详情',
  openListed: '查看 序号：查看刚才列出的第几项，例：查看 2',
  contactShortfall: '一月两见：本月还没达标的干部和企业',
  firmLookup: '查询企业 企业名称：包联干部、本月走访和在办问题，例：查询企业 {firm}',
});

/** How the missing parts are called in a hint. */
const PART_NAMES: Record<string, string> = {
  enterprise: '企业名称',
  description: '问题描述',
  code: '问题编号',
  unit: '单位',
  reason: '原因',
  text: '办理结果',
  days: '延期天数（如 5个工作日）',
  verdict: '评价（满意、基本满意或不满意）',
  score: '分数（1-5分）',
  mobile: '手机号',
  requestNo: '申请号',
  solved: '是否解决（已解决或未解决）',
  title: '政策标题',
  scope: '推送范围（区县、行业、企业/项目单位、信用代码或全部）',
  contactUnit: '咨询单位',
  number: '编号',
  question: '咨询的问题',
  date: '日期',
  place: '地点',
  deadline: '办结期限',
};

/** "请补充企业名称。格式：…" for the parts a command still needs. */
export function missingHint(command: CommandName, missing: string[]): string {
  const parts = missing.map((p) => PART_NAMES[p] ?? p).join('、');
  return `请补充${parts}。格式：${USAGE[command]}`;
}
