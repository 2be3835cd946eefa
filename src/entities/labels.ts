import type { ProblemEventAction, ProblemStatus, Role, Tier, Verdict, VisitMethod } from './enums';

/** Chinese names of the enum values, for replies, spreadsheets and the roster (read back with `invert`). */
export const ROLE_LABELS: Record<Role, string> = {
  cadre: '干部',
  handler: '办理人',
  leader: '领导',
  admin: '管理员',
  contact: '企业联系人',
};

export const METHOD_LABELS: Record<VisitMethod, string> = {
  onsite: '上门走访',
  phone: '电话联系',
  video: '视频连线',
  meeting: '座谈',
};

export const STATUS_LABELS: Record<ProblemStatus, string> = {
  pending: '待交办',
  assigned: '已交办',
  accepted: '办理中',
  answered: '已答复',
  closed: '已销号',
  withdrawn: '已撤回',
};

export const VERDICT_LABELS: Record<Verdict, string> = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
};

export const TIER_LABELS: Record<Tier, string> = { normal: '正常', blue: '蓝', yellow: '黄', red: '红' };

/** The ledger timeline's name of each event action; a new action does not compile until it is named here. */
export const EVENT_LABELS: Record<ProblemEventAction, string> = {
  report: '上报',
  assign: '交办',
  transfer: '转办',
  accept: '受理',
  return: '回退',
  answer: '答复',
  deliver: '送达',
  redo: '重办',
  rate: '评价',
  admin_close: '销号',
  withdraw: '撤回',
  extend_request: '申请延期',
  extend_approve: '同意延期',
  extend_refuse: '不同意延期',
  add_co_unit: '协办',
  remind: '提醒办理',
  urge: '催办',
  supervise: '督办',
  quality_reopen: '质检重办',
  quality_flag: '质检存疑',
  rate_proxy: '代评',
  rate_remind: '提醒评价',
  rate_timeout: '逾期未评价',
  pending_chase: '催交办',
  pending_escalate: '交办上报',
  settle_onsite: '现场解决',
  set_deadline: '限期解决',
};
