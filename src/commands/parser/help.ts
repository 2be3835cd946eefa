import type { Role } from '../../entities/enums';
import { allowedCommands, COMMAND_RULES } from '../../services/permissions';
import { fillExamples } from './examples';
import { actsForNamedFirms } from './roles';
import type { CommandName } from './types';
import { USAGE } from './usage';

/** 上报问题 for a sender who speaks for one known firm (an enterprise contact): no firm to name. */
const REPORT_FOR_OWN_FIRM = '上报问题 问题描述，例：上报问题 厂房用地指标迟迟未批';

/** The command names 帮助 lists for a sender with these roles: exactly what the permission rule allows. */
export function commandNamesForRoles(roles: readonly Role[]): CommandName[] {
  return allowedCommands(roles, { listed: true });
}

/** How to type one command, with an example that fits the sender's roles. */
export function usageFor(name: CommandName, roles: readonly Role[]): string {
  if (name === 'report' && !actsForNamedFirms(roles)) return REPORT_FOR_OWN_FIRM;
  return USAGE[name];
}

/** The help lines (Chinese, each with an example) for a sender with these roles. */
export function commandsForRoles(roles: readonly Role[]): string[] {
  return commandNamesForRoles(roles).map((name) => usageFor(name, roles));
}

/** The example the chat fallback offers each role: its everyday command (the first role that has one wins). */
const EVERYDAY: [Role, string][] = [
  ['cadre', '登记走访 {firm} 昨天 上门 了解用工情况'],
  ['handler', '受理 W20261123-0007'],
  ['contact', '上报问题 厂房用地指标迟迟未批'],
  ['leader', '督办 W20261123-0007'],
  ['admin', '转办 W20261123-0007 {unit}'],
];

/**
 * The answer to a message that is no command: an example fitting the sender's roles and the words of
 * the commands those roles may use (never a cadre's 登记走访 to a handler or an enterprise contact).
 */
export function fallbackFor(roles: readonly Role[]): string {
  const template = EVERYDAY.find(([role]) => roles.includes(role))?.[1];
  const example = template === undefined ? undefined : fillExamples(template);
  const words = commandNamesForRoles(roles)
    .filter((name) => COMMAND_RULES[name].action !== null)
    .map((name) => COMMAND_RULES[name].word);
  if (!example) return '没看懂这条消息。发送“帮助”查看可用的命令。';
  return `没看懂这条消息。可以这样说：“${example}”。您可以使用：${words.join('、')}；发送“帮助”查看用法和例子。`;
}
