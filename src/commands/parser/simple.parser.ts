import { parsed } from './results';
import type { Command, CommandParser } from './types';

/** Whole-message commands: the text is exactly one of these words. */
const EXACT: Record<string, Command> = {
  帮助: { name: 'help' },
  help: { name: 'help' },
  '?': { name: 'help' },
  '？': { name: 'help' },
  菜单: { name: 'help' },
  取消: { name: 'cancel' },
  算了: { name: 'cancel' },
  退出: { name: 'cancel' },
  我的企业: { name: 'myEnterprises' },
  我的包联企业: { name: 'myEnterprises' },
  我包联的企业: { name: 'myEnterprises' },
  我的问题: { name: 'myTasks' },
  待办: { name: 'myTasks' },
  我的待办: { name: 'myTasks' },
  我的任务: { name: 'myTasks' },
  待办事项: { name: 'myTasks' },
};

/** 帮助, 取消, 我的企业, 我的待办, and a bare number answering a dialogue's list ("2", "２"). */
export const parseSimple: CommandParser = (text) => {
  const exact = EXACT[text.toLowerCase().replace(/[。.!！]+$/, '')];
  if (exact !== undefined) return parsed(exact);
  // Up to three digits: a longer number is more likely a phone number than a list choice.
  if (/^\d{1,3}$/.test(text)) return parsed({ name: 'choice', index: Number(text) });
  return null;
};
