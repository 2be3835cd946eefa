import type { ProblemKind, ProblemStatus } from '../entities/enums';
import { actionVerb, type LedgerAction } from './problem-permissions';

/** The services (帮办/陪办/代办/绿色通道): their result must be delivered before the enterprise closes. */
export const SERVICE_KINDS: readonly ProblemKind[] = ['assist', 'accompany', 'proxy', 'green'];

export const OPEN_STATUSES: readonly ProblemStatus[] = ['pending', 'assigned', 'accepted', 'answered'];

/** The statuses each action may start from (the state machine, in one table). */
export const ALLOWED_FROM: Record<Exclude<LedgerAction, 'view'>, readonly ProblemStatus[]> = {
  assign: ['pending'],
  transfer: ['pending', 'assigned'],
  accept: ['assigned'],
  return: ['assigned', 'accepted'],
  answer: ['accepted'],
  deliver: ['answered'],
  // closed: only a problem settled at an on-site session and not yet rated (the firm still rates it).
  rate: ['answered', 'closed'],
  rate_proxy: ['answered'],
  close: OPEN_STATUSES,
  withdraw: OPEN_STATUSES,
  request_extension: ['assigned', 'accepted'],
  decide_extension: ['assigned', 'accepted', 'answered'],
  add_co_unit: ['pending', 'assigned', 'accepted'],
  urge: ['assigned', 'accepted'],
  supervise: ['assigned', 'accepted'],
  reopen: ['closed'],
  flag: ['closed', 'withdrawn'],
  settle_onsite: OPEN_STATUSES,
  set_deadline: ['pending', 'assigned', 'accepted'],
};

/** How a refusal describes the status a problem is in. */
export const STATUS_PHRASE: Record<ProblemStatus, string> = {
  pending: '尚未交办',
  assigned: '已交办、尚未受理',
  accepted: '正在办理中',
  answered: '已答复',
  closed: '已销号',
  withdrawn: '已撤回',
};

/** True when the action may start from the status. */
export function canStartFrom(action: Exclude<LedgerAction, 'view'>, status: ProblemStatus): boolean {
  return ALLOWED_FROM[action].includes(status);
}

/** "该问题已销号，不能再受理。" — why the action does not fit the status. */
export function statusRefusal(action: LedgerAction, status: ProblemStatus): string {
  const again = status === 'closed' || status === 'withdrawn' ? '再' : '';
  return `该问题${STATUS_PHRASE[status]}，不能${again}${actionVerb(action)}。`;
}

/** True for 帮办/陪办/代办/绿色通道. */
export function isService(kind: ProblemKind): boolean {
  return SERVICE_KINDS.includes(kind);
}
