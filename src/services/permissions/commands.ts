import type { CommandName } from '../../commands/parser/types';
import type { Role } from '../../entities/enums';
import { type Action, hasRoleFor, rolesPhrase } from './actions';

/** A chat command: the action it takes (null: open to anyone, even a sender not yet bound) and its word. */
interface CommandRule {
  action: Action | null;
  /** How people call it, for refusals: 撤回, 同意延期 … */
  word: string;
  /** Listed by 帮助 (answers to a question the bot asked are not). */
  listed: boolean;
  /** What to do instead, said after a refusal. */
  instead?: string;
}

/** Every chat command, in the order 帮助 lists them: the everyday ones first. */
export const COMMAND_RULES: Record<CommandName, CommandRule> = {
  visit: {
    action: 'register_visit',
    word: '登记走访',
    listed: true,
    instead: '企业联系人可以发送“确认走访”确认干部的来访。',
  },
  report: { action: 'report', word: '上报问题', listed: true },
  myEnterprises: { action: 'list_own_firms', word: '我的企业', listed: true },
  myTasks: { action: 'list_tasks', word: '我的待办', listed: true },
  show: { action: 'view', word: '查看', listed: true },
  accept: { action: 'accept', word: '受理', listed: true },
  transfer: { action: 'transfer', word: '转办', listed: true },
  coHandle: { action: 'add_co_unit', word: '协办', listed: true },
  return: { action: 'return', word: '退回', listed: true },
  answer: { action: 'answer', word: '答复', listed: true },
  extend: { action: 'request_extension', word: '申请延期', listed: true },
  rate: {
    action: 'rate',
    word: '评价',
    listed: true,
    instead: '企业没有联系人时，包联干部可发送“代评 编号 满意 电话确认”代为评价。',
  },
  rateProxy: { action: 'rate_proxy', word: '代评', listed: true },
  withdraw: { action: 'withdraw', word: '撤回', listed: true },
  urge: { action: 'urge', word: '催办', listed: true },
  supervise: { action: 'supervise', word: '督办', listed: true },
  decideExtension: { action: 'decide_extension', word: '同意延期 / 不同意延期', listed: true },
  deliver: { action: 'deliver', word: '送达', listed: true },
  qualityAnswer: { action: 'answer_quality_check', word: '质检回访', listed: false },
  confirmVisit: { action: 'confirm_visit', word: '确认走访', listed: true },
  rateCadre: { action: 'rate_cadre', word: '评价干部', listed: true },
  bind: { action: null, word: '绑定', listed: true },
  decideBinding: { action: 'decide_binding', word: '同意绑定 / 拒绝绑定', listed: true },
  unbind: { action: 'decide_binding', word: '解除绑定', listed: true },
  bindGroup: { action: 'bind_group', word: '绑定企业', listed: true },
  help: { action: null, word: '帮助', listed: true },
  cancel: { action: null, word: '取消', listed: true },
  choice: { action: 'answer_question', word: '回复序号', listed: false },
  publishPolicy: { action: 'publish_policy', word: '发布政策', listed: true },
  policyReport: { action: 'view_policy_report', word: '政策', listed: true },
  ackPolicy: { action: 'acknowledge_policy', word: '已阅', listed: true },
  consultPolicy: { action: 'consult_policy', word: '咨询', listed: true },
  scheduleSession: { action: 'schedule_session', word: '现场办公', listed: true },
  sessionOutcome: {
    action: 'record_session_outcome',
    word: '现场解决 / 限期解决 / 不能解决',
    listed: true,
  },
  leaderStats: { action: 'view_leader_stats', word: '本月统计 / 本周统计', listed: true },
  leaderRankings: { action: 'view_leader_stats', word: '红黑榜', listed: true },
  overdueList: { action: 'view_leader_stats', word: '超期问题', listed: true },
  openListed: { action: 'view_leader_stats', word: '查看 序号', listed: false },
  contactShortfall: { action: 'view_leader_stats', word: '一月两见', listed: true },
  firmLookup: { action: 'view_leader_stats', word: '查询企业', listed: true },
};

const ORDER = Object.keys(COMMAND_RULES) as CommandName[];

/** True when a sender with these roles may use the command (a sender not on the roster has no roles). */
export function mayUseCommand(roles: readonly Role[], name: CommandName): boolean {
  const { action } = COMMAND_RULES[name];
  return action === null || hasRoleFor(roles, action);
}

/**
 * The commands a sender with these roles may use, in 帮助's order; `listed` leaves out the answers
 * to the bot's own questions. For 帮助, the chat fallback, a future intent ranker and a web console.
 */
export function allowedCommands(roles: readonly Role[], opts: { listed?: boolean } = {}): CommandName[] {
  return ORDER.filter((name) => mayUseCommand(roles, name) && (!opts.listed || COMMAND_RULES[name].listed));
}

/** What the bot says to a command the sender's roles do not allow: which command, and who may use it. */
export function commandRefusal(name: CommandName): string {
  const { action, word, instead } = COMMAND_RULES[name];
  const who = action ? rolesPhrase(action) : '';
  return `“${word}”只有${who}可以使用。${instead ?? '发送“帮助”查看您可以使用的命令。'}`;
}
