import { incomplete, parsed } from './results';
import { afterLeadingWord } from './text';
import type { Command, CommandParser } from './types';

/** Leaders' questions asked in exactly these words (a trailing 。？ is fine). */
const EXACT: Record<string, Command> = {
  本月统计: { name: 'leaderStats', period: 'month' },
  本月数据: { name: 'leaderStats', period: 'month' },
  本周统计: { name: 'leaderStats', period: 'week' },
  本周数据: { name: 'leaderStats', period: 'week' },
  红黑榜: { name: 'leaderRankings' },
  超期问题: { name: 'overdueList' },
  超期: { name: 'overdueList' },
  逾期问题: { name: 'overdueList' },
  一月两见: { name: 'contactShortfall' },
  一月两见情况: { name: 'contactShortfall' },
};

/** 本月统计 / 本周统计, 红黑榜, 超期问题, 查看 N (an item of the last list), 一月两见, 查询企业 <名称>. */
export const parseLeader: CommandParser = (text) => {
  const exact = EXACT[text.replace(/[。.!！?？]+$/, '')];
  if (exact !== undefined) return parsed(exact);
  // 查看 3: a number, not a problem code, opens the 3rd item of the list the bot last gave.
  const open = /^(?:查看|打开)\s*第?(\d{1,3})(?:个|项|条)?$/.exec(text);
  if (open) return parsed({ name: 'openListed', index: Number(open[1]) });
  const firm = afterLeadingWord(text, ['查询企业', '查企业', '企业情况']);
  if (firm !== null) {
    return firm.rest === ''
      ? incomplete('firmLookup', ['enterprise'])
      : parsed({ name: 'firmLookup', enterprise: firm.rest });
  }
  return null;
};
