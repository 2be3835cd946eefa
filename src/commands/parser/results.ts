import { missingHint, USAGE } from './usage';
import type { Command, CommandName, ParseErrorCode, ParseResult } from './types';

/** A recognised, complete command. */
export const parsed = (command: Command): ParseResult => ({ ok: true, command });

/** A recognised command that still needs some parts. */
export const incomplete = (
  command: CommandName,
  missing: string[],
  partial?: Partial<Command>,
): ParseResult => ({
  ok: false,
  command,
  missing,
  hint: missingHint(command, missing),
  ...(partial ? { partial } : {}),
});

/** A recognised command with a part that is present but wrong; `problem` says what, in Chinese. */
export const refused = (command: CommandName, error: ParseErrorCode, problem: string): ParseResult => ({
  ok: false,
  command,
  missing: [],
  hint: `${problem}格式：${USAGE[command]}`,
  error,
});

/** Text that is no command at all. */
export const unknown: ParseResult = { ok: false, command: null, unknown: true };
