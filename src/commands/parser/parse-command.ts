import { parseAccount } from './account.parser';
import { parseLeader } from './leader.parser';
import { parseOutreach } from './outreach.parser';
import { parseProblemAction } from './problem-action.parser';
import { parseRateCadre } from './rate-cadre.parser';
import { parseReport } from './report.parser';
import { unknown } from './results';
import { parseSimple } from './simple.parser';
import { normalize } from './text';
import type { CommandParser, ParseContext, ParseResult } from './types';
import { parseVisit } from './visit.parser';

/**
 * Tried in order, first answer wins: exact words, then commands with a fixed opening verb (评价干部 before
 * 评价; leaders' 查看 N and 查询企业 before 查看/查询 <编号>), then reports, then visits, whose verb may come after a date ("昨天电话联系了…").
 */
const PARSERS: CommandParser[] = [
  parseSimple,
  parseAccount,
  parseRateCadre,
  parseLeader,
  parseProblemAction,
  parseOutreach,
  parseReport,
  parseVisit,
];

/** Reads one chat message as a command. Pure: the date, the roles and the group come in the context. */
export function parseCommand(text: string, ctx: ParseContext): ParseResult {
  const normalized = normalize(text);
  if (normalized === '') return unknown;
  for (const parser of PARSERS) {
    const result = parser(normalized, ctx);
    if (result !== null) return result;
  }
  return unknown;
}
