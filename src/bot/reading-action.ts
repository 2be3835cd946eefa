import type { Command } from '../commands/parser/types';
import type { Reading } from '../commands/understand/types';
import { REPLIES } from './replies';

/** What the bot does with a reading before routing it as a command. */
export type ReadingAction =
  | { kind: 'route' }
  | { kind: 'resume' }
  | { kind: 'run'; option: number }
  | { kind: 'undo' }
  | { kind: 'say'; text: string }
  | { kind: 'fallback' }
  | { kind: 'ask'; question: string; options: Command[][] };

/** The commands an unsure reading would run, one list per answer ("1" = the first). */
export function optionsOf(reading: Reading): Command[][] {
  const result = reading.result;
  if (!result?.ok) return [];
  const command = result.command;
  if (command.name === 'visit' && reading.firms.length > 1) {
    return [
      reading.firms.map((f) => ({
        ...command,
        enterprise: f.id === null ? f.name : f.name,
        enterpriseId: f.id,
      })),
    ];
  }
  if (command.name === 'report' && reading.problems.length > 1) {
    return [reading.problems.map((p) => ({ ...command, description: p, category: null })), [command]];
  }
  return [[command]];
}

/** Pure: the step a reading leads to, given whether the bot is waiting for a "回复 1 确认". */
export function readingAction(reading: Reading, confirming: boolean, optionCount: number): ReadingAction {
  switch (reading.intent) {
    case 'yes':
      return confirming ? { kind: 'run', option: 0 } : { kind: 'fallback' };
    case 'choice': {
      const index =
        reading.result?.ok && reading.result.command.name === 'choice' ? reading.result.command.index : 0;
      if (!confirming) return { kind: 'route' };
      return index >= 1 && index <= optionCount ? { kind: 'run', option: index - 1 } : { kind: 'resume' };
    }
    case 'undo':
      return { kind: 'undo' };
    case 'future':
      return { kind: 'say', text: REPLIES.futureVisit };
    case 'none':
      return confirming ? { kind: 'resume' } : { kind: 'fallback' };
    default:
      break;
  }
  if (!reading.sure && reading.question) {
    const options = optionsOf(reading);
    if (options.length > 0) return { kind: 'ask', question: reading.question, options };
  }
  return { kind: 'route' };
}
