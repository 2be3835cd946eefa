import type { VisitMethod } from '../../../../src/entities/enums';
import type { Command, CommandName, ParseErrorCode } from '../../../../src/commands/parser/types';

/** Who sends the message, and where: each maps to a ParseContext in the test. */
export type Sender = 'cadre' | 'contact' | 'contactInGroup' | 'cadreInGroup' | 'handler' | 'leader' | 'admin';

export type Expected =
  | Command
  | { command: CommandName; missing: string[] }
  | { command: CommandName; error: ParseErrorCode }
  | 'unknown';

export interface CorpusCase {
  text: string;
  /** Defaults to Wednesday 2026-11-25. */
  today?: string;
  /** Defaults to a cadre in a private chat. */
  as?: Sender;
  expect: Expected;
}

/** The firm bound to the enterprise group in the corpus. */
export const GROUP_FIRM = { id: 'ent-qujiang', name: '西安曲江文化旅游股份有限公司' };

const visit = (
  enterprise: string | null,
  date: string,
  dateText: string | null,
  method: VisitMethod,
  summary: string,
  problem: string | null = null,
): Command => ({
  name: 'visit',
  enterprise,
  enterpriseId: enterprise === null ? GROUP_FIRM.id : null,
  date,
  dateText,
  method,
  summary,
  problem,
});

const report = (
  enterprise: string | null,
  description: string,
  options: { category?: string; kind?: 'problem' | 'request'; enterpriseId?: string | null } = {},
): Command => ({
  name: 'report',
  enterprise,
  enterpriseId: options.enterpriseId ?? null,
  category: options.category ?? null,
  kind: options.kind ?? 'problem',
  description,
});

const inGroup = { enterpriseId: GROUP_FIRM.id };
const missing = (command: CommandName, parts: string[]) => ({ command, missing: parts });
const error = (command: CommandName, code: ParseErrorCode) => ({ command, error: code });
const future = error('visit', 'future_date');
const CODE = 'W20261123-0007';

/** A visit on a given day, for the date rows: only the date matters there. */
const on = (text: string, today: string, date: string, dateText: string): CorpusCase => ({
  text: `登记走访 曲江文旅 ${text} 上门 了解情况`,
  today,
  expect: visit('曲江文旅', date, dateText, 'onsite', '了解情况'),
});

export const CORPUS: CorpusCase[] = [
  // 登记走访: the three messages from the issue, then phrasing, punctuation and method variations.
  {
    text: '登记走访 西安曲江文旅 昨天 上门 了解用工情况',
    expect: visit('西安曲江文旅', '2026-11-24', '昨天', 'onsite', '了解用工情况'),
  },
  {
    text: '昨天电话联系了曲江文旅，了解用工',
    expect: visit('曲江文旅', '2026-11-24', '昨天', 'phone', '了解用工'),
  },
  {
    text: '走访 11月20日 陕鼓动力 座谈 发现问题：用地指标紧张',
    expect: visit('陕鼓动力', '2026-11-20', '11月20日', 'meeting', '', '用地指标紧张'),
  },
  {
    text: '@助企机器人 登记走访 曲江文旅 前天 视频连线 了解复工情况',
    expect: visit('曲江文旅', '2026-11-23', '前天', 'video', '了解复工情况'),
  },
  {
    text: '登记走访曲江文旅昨天上门了解用工情况',
    expect: visit('曲江文旅', '2026-11-24', '昨天', 'onsite', '了解用工情况'),
  },
  {
    text: '登记走访，曲江文旅，11月20日，电话，了解用工情况。',
    expect: visit('曲江文旅', '2026-11-20', '11月20日', 'phone', '了解用工情况'),
  },
  {
    text: '走访 陕鼓动力 2026年11月20日 座谈会 发现问题：用地指标紧张',
    expect: visit('陕鼓动力', '2026-11-20', '2026年11月20日', 'meeting', '', '用地指标紧张'),
  },
  {
    text: '登记走访 曲江文旅 11.20 上门 了解招工',
    expect: visit('曲江文旅', '2026-11-20', '11.20', 'onsite', '了解招工'),
  },
  {
    text: '登记走访 曲江文旅 11-20 上门 了解招工',
    expect: visit('曲江文旅', '2026-11-20', '11-20', 'onsite', '了解招工'),
  },
  {
    text: '登记走访 曲江文旅 2026/11/20 电话 了解招工',
    expect: visit('曲江文旅', '2026-11-20', '2026/11/20', 'phone', '了解招工'),
  },
  {
    text: '登记走访 曲江文旅 2026-11-20 电话 了解招工',
    expect: visit('曲江文旅', '2026-11-20', '2026-11-20', 'phone', '了解招工'),
  },
  {
    text: '登记走访 曲江文旅 十一月二十日 上门 送政策上门',
    expect: visit('曲江文旅', '2026-11-20', '十一月二十日', 'onsite', '送政策上门'),
  },
  {
    text: '登记走访 曲江文旅 二十号 上门 了解情况',
    expect: visit('曲江文旅', '2026-11-20', '二十号', 'onsite', '了解情况'),
  },
  {
    text: '登记走访 曲江文旅 20号 打电话 了解情况',
    expect: visit('曲江文旅', '2026-11-20', '20号', 'phone', '了解情况'),
  },
  {
    text: '登记走访 曲江文旅 20日 视频 了解情况',
    expect: visit('曲江文旅', '2026-11-20', '20日', 'video', '了解情况'),
  },
  {
    text: '登记走访 曲江文旅 大前天 线上 了解情况',
    expect: visit('曲江文旅', '2026-11-22', '大前天', 'video', '了解情况'),
  },
  {
    text: '登记走访 曲江文旅 今天上午 上门 了解情况',
    expect: visit('曲江文旅', '2026-11-25', '今天上午', 'onsite', '了解情况'),
  },
  {
    text: '登记走访 曲江文旅 昨天下午 座谈 问题：招工难',
    expect: visit('曲江文旅', '2026-11-24', '昨天下午', 'meeting', '', '招工难'),
  },
  {
    text: '昨天下午3点 上门走访 曲江文旅 了解用工',
    expect: visit('曲江文旅', '2026-11-24', '昨天下午3点', 'onsite', '了解用工'),
  },
  {
    text: '走访曲江文旅了解用工情况',
    expect: visit('曲江文旅', '2026-11-25', null, 'onsite', '了解用工情况'),
  },
  {
    text: '今天去陕西鼓风机集团有限公司走访，协调用地',
    expect: visit('陕西鼓风机集团有限公司', '2026-11-25', '今天', 'onsite', '协调用地'),
  },
  {
    text: '拜访 曲江文旅 昨天 了解用工',
    expect: visit('曲江文旅', '2026-11-24', '昨天', 'onsite', '了解用工'),
  },
  { text: '上门走访 曲江文旅 了解用工', expect: visit('曲江文旅', '2026-11-25', null, 'onsite', '了解用工') },
  { text: '电话联系 曲江文旅 了解用工', expect: visit('曲江文旅', '2026-11-25', null, 'phone', '了解用工') },
  { text: '视频连线 曲江文旅 了解复工', expect: visit('曲江文旅', '2026-11-25', null, 'video', '了解复工') },
  {
    text: '现场办公 陕鼓动力 昨天 协调解决用电增容',
    expect: visit('陕鼓动力', '2026-11-24', '昨天', 'meeting', '协调解决用电增容'),
  },
  {
    text: '11月20日 走访陕鼓动力 了解用电',
    expect: visit('陕鼓动力', '2026-11-20', '11月20日', 'onsite', '了解用电'),
  },
  {
    text: '登记走访 曲江文旅 １１月２０日 上门 了解情况',
    expect: visit('曲江文旅', '2026-11-20', '11月20日', 'onsite', '了解情况'),
  },
  { text: '登记走访　曲江文旅　昨天　上门', expect: visit('曲江文旅', '2026-11-24', '昨天', 'onsite', '') },
  {
    text: '@张三 @助企机器人 登记走访 曲江文旅 昨天 上门 了解用工',
    expect: visit('曲江文旅', '2026-11-24', '昨天', 'onsite', '了解用工'),
  },
  {
    text: '登记走访 曲江文旅 昨天 上门 了解用工情况；协调解决招工难',
    expect: visit('曲江文旅', '2026-11-24', '昨天', 'onsite', '了解用工情况，协调解决招工难'),
  },
  {
    text: '登记走访 陕鼓动力 昨天 座谈 反映：融资难',
    expect: visit('陕鼓动力', '2026-11-24', '昨天', 'meeting', '', '融资难'),
  },
  {
    text: '走访 陕鼓动力 昨天 上门 了解生产经营情况 发现问题 用电增容审批慢',
    expect: visit('陕鼓动力', '2026-11-24', '昨天', 'onsite', '了解生产经营情况', '用电增容审批慢'),
  },
  {
    text: '电话走访陕鼓动力，了解订单情况，企业反映：原材料涨价',
    expect: visit('陕鼓动力', '2026-11-25', null, 'phone', '了解订单情况', '原材料涨价'),
  },
  {
    text: '登记走访 曲江文旅 上门，座谈了解用工',
    expect: visit('曲江文旅', '2026-11-25', null, 'onsite', '座谈了解用工'),
  },
  {
    text: '登记走访 曲江文旅 昨天 了解电话费补贴政策',
    expect: visit('曲江文旅', '2026-11-24', '昨天', 'onsite', '了解电话费补贴政策'),
  },
  {
    text: '登记走访 陕鼓动力 昨天 上门 了解投资1.5亿元的扩产项目.',
    expect: visit('陕鼓动力', '2026-11-24', '昨天', 'onsite', '了解投资1.5亿元的扩产项目'),
  },
  {
    text: '登记走访 曲江文旅 上个月20号 上门 了解情况',
    expect: visit('曲江文旅', '2026-10-20', '上个月20号', 'onsite', '了解情况'),
  },
  {
    text: '登记走访 曲江文旅 三天前 上门 了解情况',
    expect: visit('曲江文旅', '2026-11-22', '三天前', 'onsite', '了解情况'),
  },
  {
    text: '走访登记 曲江文旅 昨天 电话沟通 了解招聘',
    expect: visit('曲江文旅', '2026-11-24', '昨天', 'phone', '了解招聘'),
  },
  {
    text: '周一 走访 曲江文旅 了解情况',
    expect: visit('曲江文旅', '2026-11-23', '周一', 'onsite', '了解情况'),
  },

  {
    text: '11月20号上午和曲江文旅负责人座谈',
    expect: visit('曲江文旅', '2026-11-20', '11月20号上午', 'meeting', ''),
  },
  {
    text: '昨天给陕鼓动力打电话了解订单',
    expect: visit('陕鼓动力', '2026-11-24', '昨天', 'phone', '了解订单'),
  },
  {
    text: '今天上午到陕鼓动力现场走访，了解企业生产经营情况，企业反映用工紧张',
    expect: visit('陕鼓动力', '2026-11-25', '今天上午', 'onsite', '了解企业生产经营情况', '用工紧张'),
  },
  { text: '走访了曲江文旅', expect: visit('曲江文旅', '2026-11-25', null, 'onsite', '') },

  // Visit dates that are refused or missing parts.
  { text: '登记走访 曲江文旅 这周日 上门', expect: future },
  { text: '登记走访 曲江文旅 明天 上门', expect: future },
  { text: '登记走访 曲江文旅 2026年12月1日 上门', expect: future },
  { text: '登记走访 曲江文旅 下周一 电话', expect: future },
  { text: '登记走访 曲江文旅 2月30日 上门', expect: error('visit', 'invalid_date') },
  { text: '登记走访 曲江文旅 上个月31号 上门', today: '2026-05-31', expect: error('visit', 'invalid_date') },
  { text: '登记走访', expect: missing('visit', ['enterprise']) },
  { text: '走访 昨天 上门', expect: missing('visit', ['enterprise']) },
  { text: '@助企机器人 登记走访', expect: missing('visit', ['enterprise']) },

  // 上周X said on Wednesday 2026-11-25 (Monday-first weeks: last week is 11-16 … 11-22).
  on('上周一', '2026-11-25', '2026-11-16', '上周一'),
  on('上周二', '2026-11-25', '2026-11-17', '上周二'),
  on('上周三', '2026-11-25', '2026-11-18', '上周三'),
  on('上周四', '2026-11-25', '2026-11-19', '上周四'),
  on('上周五', '2026-11-25', '2026-11-20', '上周五'),
  on('上周六', '2026-11-25', '2026-11-21', '上周六'),
  on('上周日', '2026-11-25', '2026-11-22', '上周日'),
  on('上周天', '2026-11-25', '2026-11-22', '上周天'),
  on('上星期二', '2026-11-25', '2026-11-17', '上星期二'),
  on('上个星期二', '2026-11-25', '2026-11-17', '上个星期二'),
  on('上礼拜五', '2026-11-25', '2026-11-20', '上礼拜五'),
  on('上上周三', '2026-11-25', '2026-11-11', '上上周三'),
  on('这周一', '2026-11-25', '2026-11-23', '这周一'),
  on('本周二', '2026-11-25', '2026-11-24', '本周二'),
  on('周三', '2026-11-25', '2026-11-25', '周三'),
  on('周五', '2026-11-25', '2026-11-20', '周五'),
  on('星期天', '2026-11-25', '2026-11-22', '星期天'),
  // Said on Sunday 2026-11-29: still the week of Monday 11-23.
  on('上周一', '2026-11-29', '2026-11-16', '上周一'),
  on('上周二', '2026-11-29', '2026-11-17', '上周二'),
  on('上周三', '2026-11-29', '2026-11-18', '上周三'),
  on('上周四', '2026-11-29', '2026-11-19', '上周四'),
  on('上周五', '2026-11-29', '2026-11-20', '上周五'),
  on('上周六', '2026-11-29', '2026-11-21', '上周六'),
  on('上周日', '2026-11-29', '2026-11-22', '上周日'),
  on('这周一', '2026-11-29', '2026-11-23', '这周一'),
  on('这周日', '2026-11-29', '2026-11-29', '这周日'),
  on('周六', '2026-11-29', '2026-11-28', '周六'),
  on('今天', '2026-11-29', '2026-11-29', '今天'),
  // 上周三 and 上周日 said on every day of the week of Monday 2026-11-23.
  ...[
    '2026-11-23',
    '2026-11-24',
    '2026-11-25',
    '2026-11-26',
    '2026-11-27',
    '2026-11-28',
    '2026-11-29',
  ].flatMap((today) => [
    on('上周三', today, '2026-11-18', '上周三'),
    on('上周日', today, '2026-11-22', '上周日'),
  ]),
  // Said on Monday 2026-11-30.
  on('上周日', '2026-11-30', '2026-11-29', '上周日'),
  on('上周一', '2026-11-30', '2026-11-23', '上周一'),
  on('周日', '2026-11-30', '2026-11-29', '周日'),
  on('昨天', '2026-11-30', '2026-11-29', '昨天'),

  // Year end: today 2027-01-02 (Saturday) and 2027-01-03 (Sunday).
  on('12月31日', '2027-01-02', '2026-12-31', '12月31日'),
  on('12.28', '2027-01-02', '2026-12-28', '12.28'),
  on('31号', '2027-01-02', '2026-12-31', '31号'),
  on('昨天', '2027-01-02', '2027-01-01', '昨天'),
  on('前天', '2027-01-02', '2026-12-31', '前天'),
  on('上周五', '2027-01-02', '2026-12-25', '上周五'),
  on('去年12月30日', '2027-01-02', '2026-12-30', '去年12月30日'),
  on('十二月三十一号', '2027-01-02', '2026-12-31', '十二月三十一号'),
  on('12月28日', '2027-01-03', '2026-12-28', '12月28日'),
  on('上周日', '2027-01-03', '2026-12-27', '上周日'),
  on('这周一', '2027-01-03', '2026-12-28', '这周一'),
  on('周日', '2027-01-03', '2027-01-03', '周日'),
  on('上周三', '2027-01-03', '2026-12-23', '上周三'),
  on('1月1日', '2027-01-03', '2027-01-01', '1月1日'),
  { text: '登记走访 曲江文旅 2027年1月5日 上门', today: '2027-01-03', expect: future },

  // Month ends: today 2026-03-01 (Sunday), 2026-12-01, 2026-05-31.
  on('31号', '2026-03-01', '2026-01-31', '31号'),
  on('30号', '2026-03-01', '2026-01-30', '30号'),
  on('28号', '2026-03-01', '2026-02-28', '28号'),
  on('昨天', '2026-03-01', '2026-02-28', '昨天'),
  on('2月29日', '2026-03-01', '2024-02-29', '2月29日'),
  on('上周日', '2026-03-01', '2026-02-22', '上周日'),
  on('30号', '2026-12-01', '2026-11-30', '30号'),
  on('31号', '2026-12-01', '2026-10-31', '31号'),
  on('1号', '2026-12-01', '2026-12-01', '1号'),
  on('31日', '2026-05-31', '2026-05-31', '31日'),
  on('上个月30号', '2026-05-31', '2026-04-30', '上个月30号'),

  // Visits from an enterprise group: the firm is the group's.
  {
    text: '@助企机器人 登记走访 昨天 上门 了解用工情况',
    as: 'cadreInGroup',
    expect: visit(null, '2026-11-24', '昨天', 'onsite', '了解用工情况'),
  },
  {
    text: '@助企机器人 登记走访 曲江文旅 昨天 上门 了解用工情况',
    as: 'cadreInGroup',
    expect: visit(null, '2026-11-24', '昨天', 'onsite', '了解用工情况'),
  },
  {
    text: '@助企机器人 走访 前天 座谈 发现问题：停车难',
    as: 'cadreInGroup',
    expect: visit(null, '2026-11-23', '前天', 'meeting', '', '停车难'),
  },

  // 上报问题 from a cadre, who names the firm.
  {
    text: '上报问题 曲江文旅 【土地】 厂房用地指标迟迟未批',
    expect: report('曲江文旅', '厂房用地指标迟迟未批', { category: '土地' }),
  },
  { text: '上报问题 曲江文旅：用地指标紧张', expect: report('曲江文旅', '用地指标紧张') },
  {
    text: '上报问题 陕鼓动力 类别：融资 流动资金贷款难',
    expect: report('陕鼓动力', '流动资金贷款难', { category: '融资' }),
  },
  {
    text: '上报诉求 曲江文旅 希望增加公交线路',
    expect: report('曲江文旅', '希望增加公交线路', { kind: 'request' }),
  },
  {
    text: '上报问题 陕西鼓风机集团有限公司用电增容审批慢',
    expect: report('陕西鼓风机集团有限公司', '用电增容审批慢'),
  },
  { text: '上报 陕鼓动力 [审批] 环评批复慢', expect: report('陕鼓动力', '环评批复慢', { category: '审批' }) },
  { text: '上报问题', expect: missing('report', ['enterprise', 'description']) },
  { text: '上报问题 曲江文旅', expect: missing('report', ['description']) },
  { text: '上报问题 希望尽快解决用地指标', expect: missing('report', ['enterprise']) },
  {
    text: '上报问题 曲江文旅 描述：员工通勤不便',
    expect: report('曲江文旅', '员工通勤不便'),
  },

  // 上报问题 from an enterprise contact: the firm is known.
  {
    text: '@助企机器人 上报问题【土地】厂房用地指标迟迟未批',
    as: 'contactInGroup',
    expect: report(null, '厂房用地指标迟迟未批', { category: '土地', ...inGroup }),
  },
  { text: '有个问题，停车位不够', as: 'contactInGroup', expect: report(null, '停车位不够', inGroup) },
  {
    text: '反映一个诉求：希望增加公交线路',
    as: 'contactInGroup',
    expect: report(null, '希望增加公交线路', { kind: 'request', ...inGroup }),
  },
  { text: '@助企机器人 上报问题', as: 'contactInGroup', expect: missing('report', ['description']) },
  { text: '我们遇到一个困难 招工难', as: 'contactInGroup', expect: report(null, '招工难', inGroup) },
  {
    text: '提交问题 [规划] 规划许可证办理慢',
    as: 'contactInGroup',
    expect: report(null, '规划许可证办理慢', { category: '规划', ...inGroup }),
  },
  {
    text: '反映：周边道路施工影响出行',
    as: 'contactInGroup',
    expect: report(null, '周边道路施工影响出行', inGroup),
  },
  {
    text: '有一个诉求 希望协调人才公寓',
    as: 'contactInGroup',
    expect: report(null, '希望协调人才公寓', { kind: 'request', ...inGroup }),
  },
  { text: '上报问题 厂区门前道路坑洼', as: 'contact', expect: report(null, '厂区门前道路坑洼') },
  { text: '@助企机器人 问题：停车难', as: 'contactInGroup', expect: report(null, '停车难', inGroup) },
  {
    text: '诉求：希望增加公交线路',
    as: 'contactInGroup',
    expect: report(null, '希望增加公交线路', { kind: 'request', ...inGroup }),
  },
  { text: '公司有个困难：缺少熟练工', as: 'contact', expect: report(null, '缺少熟练工') },
  { text: '上报问题 用地指标紧张', as: 'cadreInGroup', expect: report(null, '用地指标紧张', inGroup) },

  // Lists and codes.
  { text: '我的企业', expect: { name: 'myEnterprises' } },
  { text: '我包联的企业', expect: { name: 'myEnterprises' } },
  { text: '我的问题', expect: { name: 'myTasks' } },
  { text: '待办', expect: { name: 'myTasks' } },
  { text: '我的待办', as: 'handler', expect: { name: 'myTasks' } },
  { text: '@助企机器人 我的待办', as: 'contactInGroup', expect: { name: 'myTasks' } },
  { text: '查看 W20261123-0007', expect: { name: 'show', code: CODE } },
  { text: '查看 w20261123-0007', expect: { name: 'show', code: CODE } },
  { text: '查看W202611230007', expect: { name: 'show', code: CODE } },
  { text: '查看 Ｗ２０２６１１２３－０００７', expect: { name: 'show', code: CODE } },
  { text: '查询 编号：W20261123-0007', expect: { name: 'show', code: CODE } },
  { text: '查看 W20261123-10012', expect: { name: 'show', code: 'W20261123-10012' } },
  { text: '查看', expect: missing('show', ['code']) },
  { text: '查看 曲江文旅', expect: error('show', 'invalid_code') },

  // Problem actions.
  { text: '受理', as: 'handler', expect: { name: 'accept', code: null } },
  { text: '受理 W20261123-0007', as: 'handler', expect: { name: 'accept', code: CODE } },
  { text: '受理w202611230007', as: 'handler', expect: { name: 'accept', code: CODE } },
  {
    text: '转办 W20261123-0007 市自然资源局',
    expect: { name: 'transfer', code: CODE, unit: '市自然资源局' },
  },
  { text: '转办给市自然资源局', expect: { name: 'transfer', code: null, unit: '市自然资源局' } },
  { text: '转交 W20261123-0007 至 区住建局', expect: { name: 'transfer', code: CODE, unit: '区住建局' } },
  { text: '转办', expect: missing('transfer', ['unit']) },
  { text: '转办 W20261123-0007', expect: missing('transfer', ['unit']) },
  {
    text: '协办 W20261123-0007 市住房和城乡建设局',
    expect: { name: 'coHandle', code: CODE, unit: '市住房和城乡建设局' },
  },
  { text: '增加协办 区住建局', expect: { name: 'coHandle', code: null, unit: '区住建局' } },
  { text: '协办单位：市教育局', expect: { name: 'coHandle', code: null, unit: '市教育局' } },
  { text: '协办 W20261123-0007', expect: missing('coHandle', ['unit']) },
  {
    text: '退回 W20261123-0007 不属于本单位职责',
    as: 'handler',
    expect: { name: 'return', code: CODE, reason: '不属于本单位职责' },
  },
  {
    text: '回退 原因：应由区住建局办理',
    as: 'handler',
    expect: { name: 'return', code: null, reason: '应由区住建局办理' },
  },
  { text: '退回', as: 'handler', expect: missing('return', ['reason']) },
  {
    text: '答复 W20261123-0007 已协调供电公司，下周通电',
    as: 'handler',
    expect: { name: 'answer', code: CODE, text: '已协调供电公司，下周通电' },
  },
  {
    text: '答复：办理结果：已完成用地预审',
    as: 'handler',
    expect: { name: 'answer', code: null, text: '已完成用地预审' },
  },
  { text: '答复 W20261123-0007', as: 'handler', expect: missing('answer', ['text']) },
  {
    text: '申请延期 W20261123-0007 5个工作日 等待规划审批',
    as: 'handler',
    expect: { name: 'extend', code: CODE, days: 5, reason: '等待规划审批' },
  },
  {
    text: '申请延期 三个工作日，原因：需要市里会商',
    as: 'handler',
    expect: { name: 'extend', code: null, days: 3, reason: '需要市里会商' },
  },
  {
    text: '延期 十个工作日 因为涉及多部门',
    as: 'handler',
    expect: { name: 'extend', code: null, days: 10, reason: '涉及多部门' },
  },
  {
    text: '申请延期 Ｗ20261123-0007 ５天 材料补正',
    as: 'handler',
    expect: { name: 'extend', code: CODE, days: 5, reason: '材料补正' },
  },
  { text: '申请延期 5个工作日', as: 'handler', expect: missing('extend', ['reason']) },
  { text: '申请延期 等待审批', as: 'handler', expect: missing('extend', ['days']) },
  { text: '申请延期', as: 'handler', expect: missing('extend', ['days', 'reason']) },
  { text: '申请延期 0个工作日 等待', as: 'handler', expect: error('extend', 'invalid_days') },
  {
    text: '评价 W20261123-0007 满意',
    as: 'contact',
    expect: { name: 'rate', code: CODE, verdict: 'satisfied', comment: null },
  },
  {
    text: '评价 基本满意 速度有点慢',
    as: 'contact',
    expect: { name: 'rate', code: null, verdict: 'basic', comment: '速度有点慢' },
  },
  {
    text: '评价 W20261123-0007 不满意，问题没有解决',
    as: 'contact',
    expect: { name: 'rate', code: CODE, verdict: 'unsatisfied', comment: '问题没有解决' },
  },
  {
    text: '评价 非常满意！感谢',
    as: 'contactInGroup',
    expect: { name: 'rate', code: null, verdict: 'satisfied', comment: '感谢' },
  },
  { text: '评价 W20261123-0007', as: 'contact', expect: missing('rate', ['verdict']) },
  {
    text: '代评 W20261123-0007 满意 电话确认',
    expect: { name: 'rateProxy', code: CODE, verdict: 'satisfied', comment: '电话确认' },
  },
  {
    text: '代为评价 W20261123-0007 不满意 电话确认，说还没解决',
    expect: {
      name: 'rateProxy',
      code: CODE,
      verdict: 'unsatisfied',
      comment: '电话确认，说还没解决',
    },
  },
  { text: '代评 W20261123-0007', expect: missing('rateProxy', ['verdict']) },
  {
    text: '@助企机器人 满意',
    as: 'contactInGroup',
    expect: { name: 'rate', code: null, verdict: 'satisfied', comment: null },
  },
  {
    text: '不满意！',
    as: 'contact',
    expect: { name: 'rate', code: null, verdict: 'unsatisfied', comment: null },
  },
  { text: '基本满意', as: 'contact', expect: { name: 'rate', code: null, verdict: 'basic', comment: null } },
  {
    text: '撤回 W20261123-0007 问题已自行解决',
    as: 'contact',
    expect: { name: 'withdraw', code: CODE, reason: '问题已自行解决' },
  },
  { text: '撤回', as: 'contact', expect: { name: 'withdraw', code: null, reason: null } },
  { text: '催办 W20261123-0007', expect: { name: 'urge', code: CODE } },
  { text: '催办', expect: { name: 'urge', code: null } },
  { text: '督办 w20261123-0007', as: 'leader', expect: { name: 'supervise', code: CODE } },
  {
    text: '同意延期 W20261123-0007',
    as: 'leader',
    expect: { name: 'decideExtension', code: CODE, approve: true, reason: null },
  },
  {
    text: '不同意延期 W20261123-0007 请按期办结',
    as: 'leader',
    expect: { name: 'decideExtension', code: CODE, approve: false, reason: '请按期办结' },
  },
  {
    text: '不同意延期 理由：材料不全',
    as: 'leader',
    expect: { name: 'decideExtension', code: null, approve: false, reason: '材料不全' },
  },
  { text: '确认走访', as: 'contactInGroup', expect: { name: 'confirmVisit', id: null } },
  { text: '确认走访 v-123', as: 'contact', expect: { name: 'confirmVisit', id: 'v-123' } },

  // 评价干部, 绑定.
  {
    text: '评价干部 5分 服务很周到',
    as: 'contact',
    expect: { name: 'rateCadre', score: 5, comment: '服务很周到' },
  },
  { text: '评价干部 五分', as: 'contact', expect: { name: 'rateCadre', score: 5, comment: null } },
  { text: '评价干部 ★★★★', as: 'contact', expect: { name: 'rateCadre', score: 4, comment: null } },
  { text: '评价干部 3 一般', as: 'contact', expect: { name: 'rateCadre', score: 3, comment: '一般' } },
  {
    text: '评价干部：４分，响应及时',
    as: 'contact',
    expect: { name: 'rateCadre', score: 4, comment: '响应及时' },
  },
  { text: '评价干部 6分', as: 'contact', expect: error('rateCadre', 'score_out_of_range') },
  { text: '评价干部 0分', as: 'contact', expect: error('rateCadre', 'score_out_of_range') },
  { text: '评价干部', as: 'contact', expect: missing('rateCadre', ['score']) },
  { text: '绑定 13800138000', as: 'contact', expect: { name: 'bind', mobile: '13800138000', code: null } },
  { text: '绑定 138-0013-8000', as: 'contact', expect: { name: 'bind', mobile: '13800138000', code: null } },
  { text: '绑定 138 0013 8000', as: 'contact', expect: { name: 'bind', mobile: '13800138000', code: null } },
  {
    text: '绑定手机号：+86 13800138000',
    as: 'contact',
    expect: { name: 'bind', mobile: '13800138000', code: null },
  },
  {
    text: '绑定 １３８００１３８０００',
    as: 'contact',
    expect: { name: 'bind', mobile: '13800138000', code: null },
  },
  {
    text: '绑定 13800138000 482913',
    as: 'contact',
    expect: { name: 'bind', mobile: '13800138000', code: '482913' },
  },
  {
    text: '绑定 138-0013-8000 验证码 482913',
    as: 'contact',
    expect: { name: 'bind', mobile: '13800138000', code: '482913' },
  },
  { text: '同意绑定 12', as: 'admin', expect: { name: 'decideBinding', requestNo: 12, approve: true } },
  { text: '拒绝绑定 申请号 7', as: 'admin', expect: { name: 'decideBinding', requestNo: 7, approve: false } },
  { text: '解除绑定 13800138000', as: 'admin', expect: { name: 'unbind', mobile: '13800138000' } },
  { text: '绑定 12345', as: 'contact', expect: error('bind', 'invalid_mobile') },
  { text: '绑定 23800138000', as: 'contact', expect: error('bind', 'invalid_mobile') },
  { text: '绑定', as: 'contact', expect: missing('bind', ['mobile']) },
  { text: '绑定企业 曲江文旅', as: 'cadreInGroup', expect: { name: 'bindGroup', enterprise: '曲江文旅' } },
  {
    text: '@助企机器人 绑定企业：西安曲江文旅',
    as: 'cadreInGroup',
    expect: { name: 'bindGroup', enterprise: '西安曲江文旅' },
  },
  { text: '绑定企业', as: 'cadreInGroup', expect: missing('bindGroup', ['enterprise']) },

  // Help, cancel, choices, and what is no command.
  { text: '帮助', expect: { name: 'help' } },
  { text: 'help', expect: { name: 'help' } },
  { text: 'HELP', expect: { name: 'help' } },
  { text: '?', expect: { name: 'help' } },
  { text: '？', expect: { name: 'help' } },
  { text: '菜单', expect: { name: 'help' } },
  { text: '@助企机器人 帮助', as: 'contactInGroup', expect: { name: 'help' } },
  { text: '取消', expect: { name: 'cancel' } },
  { text: '算了', expect: { name: 'cancel' } },
  { text: '退出', expect: { name: 'cancel' } },
  { text: '1', expect: { name: 'choice', index: 1 } },
  { text: '２', expect: { name: 'choice', index: 2 } },
  { text: ' 3 ', expect: { name: 'choice', index: 3 } },
  { text: '12', expect: { name: 'choice', index: 12 } },
  { text: '你好', expect: 'unknown' },
  { text: '昨天干部上门走访了，很满意', as: 'contactInGroup', expect: 'unknown' },
  { text: '谢谢', expect: 'unknown' },
  { text: '今天天气不错', expect: 'unknown' },
  { text: '', expect: 'unknown' },
  { text: '@助企机器人', as: 'contactInGroup', expect: 'unknown' },
  { text: '13800138000', expect: 'unknown' },
];
