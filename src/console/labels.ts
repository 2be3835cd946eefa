import type { ProblemKind } from '../entities/enums';

/** Chinese names the console shows that chat has no table for. */
export const KIND_LABELS: Record<ProblemKind, string> = {
  problem: '问题',
  request: '诉求',
  assist: '帮办',
  accompany: '陪办',
  proxy: '代办',
  green: '绿色通道',
  consult: '政策咨询',
};

/** The timeline's name of each ledger event. */
export const EVENT_LABELS: Record<string, string> = {
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
