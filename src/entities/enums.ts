/**
 * Kinds of org unit, as the roster's 类型 column names them (区县, 开发区, 市级部门, 办理单位, 亲商助企办).
 * `campaign` is the campaign office: its leaders and admins act over its parent's subtree (see permissions).
 */
export const UNIT_KINDS = ['district', 'zone', 'department', 'handling', 'campaign'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const ROLES = ['cadre', 'handler', 'leader', 'admin', 'contact'] as const;
export type Role = (typeof ROLES)[number];

export const ENTERPRISE_KINDS = ['enterprise', 'project'] as const;
export type EnterpriseKind = (typeof ENTERPRISE_KINDS)[number];

/** A platform adapter's name (InboundMessage.platform); the registry in src/platforms lists them. */
export type Platform = string;

/**
 * An adapter's account namespace (person_account.platform, group_chat.platform, the 绑定 rows). Which
 * namespaces exist is the platform registry's answer (the roster checks 群聊.平台 against it); the
 * database only checks the shape, so a new platform needs no migration.
 */
export type AccountPlatform = string;

/** The CHECK of every account-namespace column: a lower-case name, never a fixed list of platforms. */
export const ACCOUNT_NAMESPACE_CHECK = `"platform" ~ '^[a-z][a-z0-9_]*$'`;

export const VISIT_METHODS = ['onsite', 'phone', 'video', 'meeting'] as const;
export type VisitMethod = (typeof VISIT_METHODS)[number];

/** 问题, 诉求, the four tracked services, and 咨询 (a firm's question about a policy sent to it). */
export const PROBLEM_KINDS = [
  'problem',
  'request',
  'assist',
  'accompany',
  'proxy',
  'green',
  'consult',
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export const PROBLEM_STATUSES = [
  'pending',
  'assigned',
  'accepted',
  'answered',
  'closed',
  'withdrawn',
] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

export const VERDICTS = ['satisfied', 'basic', 'unsatisfied'] as const;
export type Verdict = (typeof VERDICTS)[number];

/**
 * How a problem was struck off: the enterprise rated it, its cadre rated by proxy (代评), it timed
 * out unrated (逾期未评价), or an admin closed it.
 */
export const CLOSURES = ['rated', 'proxy', 'unrated', 'admin'] as const;
export type Closure = (typeof CLOSURES)[number];

export const TIERS = ['normal', 'blue', 'yellow', 'red'] as const;
export type Tier = (typeof TIERS)[number];

export const GROUP_PURPOSES = ['enterprise', 'unit', 'district', 'leaders'] as const;
export type GroupPurpose = (typeof GROUP_PURPOSES)[number];

export const EXTENSION_STATUSES = ['pending', 'approved', 'refused'] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

export const OUTBOUND_STATUSES = ['pending', 'sent', 'failed'] as const;
export type OutboundStatus = (typeof OUTBOUND_STATUSES)[number];

export const RATING_SUBJECTS = ['cadre', 'unit'] as const;
export type RatingSubject = (typeof RATING_SUBJECTS)[number];

/**
 * What a problem_event records: the ledger's steps (report … set_deadline) and the jobs' system steps
 * (remind, rate_remind, rate_timeout, pending_chase, pending_escalate). One list, so the notices of
 * `services/problem-workflow` and the console's labels must name every one.
 */
export const PROBLEM_EVENT_ACTIONS = [
  'report',
  'assign',
  'transfer',
  'accept',
  'return',
  'answer',
  'deliver',
  'redo',
  'rate',
  'rate_proxy',
  'admin_close',
  'withdraw',
  'extend_request',
  'extend_approve',
  'extend_refuse',
  'add_co_unit',
  'remind',
  'urge',
  'supervise',
  'quality_reopen',
  'quality_flag',
  'rate_remind',
  'rate_timeout',
  'pending_chase',
  'pending_escalate',
  'settle_onsite',
  'set_deadline',
] as const;
export type ProblemEventAction = (typeof PROBLEM_EVENT_ACTIONS)[number];

/** Postgres enum-like check: `col IN (...)`, so adding a value is a one-line migration. */
export function checkIn(column: string, values: readonly string[]): string {
  return `"${column}" IN (${values.map((v) => `'${v}'`).join(', ')})`;
}

/** A policy delivery per firm: waiting for the day's push, handed to the outbox, or nobody to send to. */
export const POLICY_DELIVERY_STATUSES = ['queued', 'sent', 'no_channel'] as const;
export type PolicyDeliveryStatus = (typeof POLICY_DELIVERY_STATUSES)[number];

/** What an on-site office session decided on one problem: 现场解决 / 限期解决 / 不能解决. */
export const SESSION_OUTCOMES = ['onsite', 'deadline', 'unsolvable'] as const;
export type SessionOutcome = (typeof SESSION_OUTCOMES)[number];

/** Who a 慢作为/不作为 line is about. */
export const ACCOUNTABILITY_SUBJECTS = ['cadre', 'unit'] as const;
export type AccountabilitySubject = (typeof ACCOUNTABILITY_SUBJECTS)[number];

/** The rules of the 慢作为/不作为 list: 一月两见 missed twice running, overdue problems, repeated 不满意. */
export const ACCOUNTABILITY_RULES = ['missed_contacts', 'overdue', 'unsatisfied'] as const;
export type AccountabilityRule = (typeof ACCOUNTABILITY_RULES)[number];

/** A 一类事: opened, assigned to a unit for a systemic answer, settled (the linked problems answered). */
export const RECURRING_STATUSES = ['open', 'assigned', 'settled'] as const;
export type RecurringStatus = (typeof RECURRING_STATUSES)[number];
