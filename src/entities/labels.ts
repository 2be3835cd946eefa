import type { ProblemStatus, Role, Tier, Verdict, VisitMethod } from './enums';

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
