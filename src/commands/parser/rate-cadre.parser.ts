import { parseChineseNumber } from './chinese-number';
import { incomplete, parsed, refused } from './results';
import { afterLeadingWord, cutSpan, tidy } from './text';
import type { CommandParser } from './types';

const SCORE_RE = /(★+|☆+)|(\d+(?:\.\d+)?|[零一二两三四五六七八九十]+)\s*(?:分|星|颗星)?/;

/** 评价干部 <1-5分> [意见]: the enterprise scores its cadre's service. */
export const parseRateCadre: CommandParser = (text) => {
  const head = afterLeadingWord(text, ['评价干部', '干部评价', '给干部打分', '给干部评分', '干部打分']);
  if (head === null) return null;
  const m = SCORE_RE.exec(head.rest);
  if (m === null) return incomplete('rateCadre', ['score']);
  const score = m[1] !== undefined ? m[1].length : (parseChineseNumber(m[2]) ?? Number(m[2]));
  if (!Number.isInteger(score) || score < 1 || score > 5) {
    return refused('rateCadre', 'score_out_of_range', `分数只能是1到5分，您写的是“${m[0].trim()}”。`);
  }
  const comment = tidy(cutSpan(head.rest, m.index, m[0].length));
  return parsed({ name: 'rateCadre', score, comment: comment === '' ? null : comment });
};
