import type { ProblemKind } from '../entities/enums';

/** Chinese names the console shows that chat has no table for. */
export const KIND_LABELS: Record<ProblemKind, string> = {
  problem: '问题',
  request: '诉求',
  assist: '帮办',
  accompany: '陪办',
  proxy: '代办',
  green: '绿色通道',
  consult: '政策咨询',
};

/** The timeline's name of each ledger event (one table, in entities/labels). */
export { EVENT_LABELS } from '../entities/labels';
