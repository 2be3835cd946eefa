import type { CategoryOption } from '../../services/category-inference';
import type { CommandName, ParseContext, ParseResult } from '../parser/types';
import type { FirmHit } from './firms';
import type { RosterIndex } from './roster-index';

/** What the bot last asked this sender, so a short reply can answer it. */
export type Asked = 'rate' | 'confirm' | 'choice' | null;

/** Everything the pipeline may know: the parse context plus the roster and the conversation. Pure data. */
export interface UnderstandContext extends ParseContext {
  roster: RosterIndex;
  /** The sender's own firms (their pairs, or the firm a contact speaks for), by id. */
  ownFirmIds: ReadonlySet<string>;
  /** The firm an enterprise contact speaks for, if any. */
  employer: { id: string; name: string } | null;
  /** Unit names of the roster (市住房和城乡建设局 …). */
  units: readonly string[];
  /** The catalogue with its roster keywords. */
  categories: readonly CategoryOption[];
  asked: Asked;
  /** The labels of the numbered choices last offered, when `asked` is 'choice'. */
  choices: readonly string[];
  /** Whether the sender has exactly one problem waiting for their step (a handler's task). */
  pendingProblem: boolean;
  /** Whether the sender (an enterprise contact) has a problem waiting for their rating. */
  pendingRating: boolean;
}

/** The intents: the commands, plus "nothing to do", a future event, undo and a yes to a confirmation. */
export type Intent = CommandName | 'none' | 'future' | 'undo' | 'yes';

/** One message as understood. `result` is the command (or what it still lacks) for command intents. */
export interface Reading {
  intent: Intent;
  /** False: ask `question` before acting. */
  sure: boolean;
  result: ParseResult | null;
  /** Firms named; a visit to several firms becomes one visit per firm. */
  firms: FirmHit[];
  /** Several problems found in one report. */
  problems: string[];
  question: string | null;
}
