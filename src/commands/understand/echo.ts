import type { VisitMethod } from '../../entities/enums';
import { formatDateZh, type IsoDate } from '../../lib/time';
import { METHOD_LABELS } from '../../entities/labels';

/** "11月20日（周五）", with the year when it is not this year's: "2025年12月28日（周日）". */
export function dateEcho(date: IsoDate, today: IsoDate): string {
  const year = date.slice(0, 4) === today.slice(0, 4) ? '' : `${Number(date.slice(0, 4))}年`;
  return `${year}${formatDateZh(date)}`;
}

/** "12月1日（周二）电话联系 西安秦创智能装备有限公司、陕西汉丰食品有限公司" — what a visit reading would store. */
export function visitEcho(date: IsoDate, method: VisitMethod, firms: string[], today: IsoDate): string {
  const when = date === today ? `今天（${dateEcho(date, today)}）` : dateEcho(date, today);
  return `${when}${METHOD_LABELS[method]} ${firms.join('、')}`;
}
