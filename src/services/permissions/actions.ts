import { ROLES, type Role } from '../../entities/enums';

/** The steps of the problem ledger (an actor takes them on one problem, within a scope). */
export type LedgerAction =
  | 'view'
  | 'assign'
  | 'transfer'
  | 'accept'
  | 'return'
  | 'answer'
  | 'deliver'
  | 'rate'
  | 'rate_proxy'
  | 'close'
  | 'withdraw'
  | 'request_extension'
  | 'decide_extension'
  | 'add_co_unit'
  | 'urge'
  | 'supervise'
  | 'reopen'
  | 'flag'
  | 'settle_onsite'
  | 'set_deadline';

/**
 * Everything a person can do: the ledger's steps on one problem (checked against the problem's data
 * scope) and the actions that have no problem (visits, pairs, ratings of a cadre, group binding,
 * outreach).
 */
export type Action =
  | LedgerAction
  | 'list_tasks'
  | 'answer_question'
  | 'report'
  | 'answer_quality_check'
  | 'register_visit'
  | 'register_visit_for_others'
  | 'list_own_firms'
  | 'confirm_visit'
  | 'rate_cadre'
  | 'bind_group'
  | 'decide_binding'
  | 'publish_policy'
  | 'view_policy_report'
  | 'acknowledge_policy'
  | 'consult_policy'
  | 'schedule_session'
  | 'record_session_outcome'
  | 'explain_accountability'
  | 'manage_recurring'
  | 'manage_roster'
  | 'view_leader_stats';

const ANYONE_ON_THE_ROSTER: readonly Role[] = ROLES;

/**
 * THE rule: which roles may take each action. A ledger action is further limited to the actor's
 * data scope for that role (see `scope.ts`); everything the bot offers, refuses or lists (帮助, the
 * chat fallback, dispatch, the services' checks) is read from this table.
 */
export const ACTION_ROLES: Record<Action, readonly Role[]> = {
  view: ANYONE_ON_THE_ROSTER,
  list_tasks: ANYONE_ON_THE_ROSTER,
  answer_question: ANYONE_ON_THE_ROSTER,
  report: ['cadre', 'contact', 'admin'],
  assign: ['cadre', 'admin'],
  transfer: ['cadre', 'admin'],
  accept: ['handler', 'admin'],
  return: ['handler', 'admin'],
  answer: ['handler', 'admin'],
  deliver: ['handler', 'cadre', 'admin'],
  rate: ['contact'],
  rate_proxy: ['cadre', 'admin'],
  close: ['admin'],
  withdraw: ['contact'],
  request_extension: ['handler'],
  decide_extension: ['leader', 'admin'],
  add_co_unit: ['cadre', 'handler', 'admin'],
  urge: ['cadre', 'contact', 'leader', 'admin'],
  supervise: ['leader', 'admin'],
  reopen: ['admin'],
  flag: ['admin'],
  answer_quality_check: ['contact'],
  register_visit: ['cadre'],
  register_visit_for_others: ['admin'],
  list_own_firms: ['cadre'],
  confirm_visit: ['contact'],
  rate_cadre: ['contact'],
  bind_group: ['cadre', 'admin'],
  decide_binding: ['admin'],
  // 现场办公: the presiding leader (or an admin acting as the session's secretary) decides on site.
  settle_onsite: ['leader', 'admin'],
  set_deadline: ['leader', 'admin'],
  publish_policy: ['handler', 'admin'],
  view_policy_report: ['handler', 'leader', 'admin'],
  acknowledge_policy: ['contact'],
  consult_policy: ['contact'],
  schedule_session: ['leader', 'admin'],
  record_session_outcome: ['leader', 'admin'],
  // 慢作为/不作为: a leader explains a line about a cadre or unit under them (it leaves next month's list).
  explain_accountability: ['leader', 'admin'],
  // 一类事: the lead unit's leader (or the campaign office) opens one over many firms' problems and assigns it.
  manage_recurring: ['leader', 'admin'],
  // The roster: importing a workbook, 离岗/停用 of a person, handing a firm to another cadre.
  manage_roster: ['admin'],
  // 本月统计, 红黑榜, 超期问题, 一月两见, 查询企业: scoped like the digests and the console.
  view_leader_stats: ['leader', 'admin'],
};

/** True when one of the roles may take the action at all (before any data scope). */
export function hasRoleFor(roles: readonly Role[], action: Action): boolean {
  return ACTION_ROLES[action].some((role) => roles.includes(role));
}

/** How the roster names each role, as people read it in refusals. */
export const ROLE_NAMES: Record<Role, string> = {
  cadre: '包联干部',
  handler: '办理人',
  leader: '领导',
  admin: '管理员',
  contact: '企业联系人',
};

/** "包联干部、企业联系人或管理员": the roles that may take an action. */
export function rolesPhrase(action: Action): string {
  const names = ACTION_ROLES[action].map((r) => ROLE_NAMES[r]);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join('、')}或${names[names.length - 1]}`;
}
