import { z } from 'zod';
import { VERDICTS } from '../entities/enums';
import type { ProblemWorkflowService } from '../services/problem-workflow.service';
import type { LedgerResult, StepOptions } from '../services/problem-ledger.types';
import type { Actor, LedgerAction } from './authorize';

/** The ledger actions the console offers, each going through the workflow chat uses (same notifications). */
export const CONSOLE_ACTIONS = [
  'accept',
  'return',
  'answer',
  'deliver',
  'assign',
  'transfer',
  'urge',
  'supervise',
  'request_extension',
  'decide_extension',
  'add_co_unit',
  'rate',
  'withdraw',
  'close',
] as const satisfies readonly Exclude<LedgerAction, 'view'>[];
export type ConsoleAction = (typeof CONSOLE_ACTIONS)[number];

const note = z.string().trim().max(500).default('');
const unitId = z.uuid({ message: '请选择单位' });

/** The body of POST /api/console/problems/:code/actions, one shape per action. */
export const actionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept'), note }),
  z.object({ action: z.literal('return'), note: z.string().trim().min(1, '请说明回退原因').max(500) }),
  z.object({ action: z.literal('answer'), note: z.string().trim().min(1, '请填写答复内容').max(2000) }),
  z.object({ action: z.literal('deliver'), note }),
  z.object({ action: z.literal('assign'), unitId, note }),
  z.object({ action: z.literal('transfer'), unitId, note }),
  z.object({ action: z.literal('urge'), note }),
  z.object({ action: z.literal('supervise'), note }),
  z.object({
    action: z.literal('request_extension'),
    days: z.coerce.number().int().min(1, '延期天数至少1天').max(30, '延期最多30个工作日'),
    note: z.string().trim().min(1, '请说明延期原因').max(500),
  }),
  z.object({ action: z.literal('decide_extension'), approve: z.boolean(), note }),
  z.object({ action: z.literal('add_co_unit'), unitId, note }),
  z.object({ action: z.literal('rate'), verdict: z.enum(VERDICTS), note }),
  z.object({ action: z.literal('withdraw'), note }),
  z.object({ action: z.literal('close'), note }),
]);
export type ActionBody = z.infer<typeof actionBody>;

/** Runs one action through the workflow with the viewer's actor; the ledger checks permission and status. */
export function runAction(
  wf: ProblemWorkflowService,
  code: string,
  body: ActionBody,
  actor: Actor,
  idempotencyKey: string,
): Promise<LedgerResult> {
  const opts: StepOptions = { idempotencyKey, note: body.note || undefined };
  switch (body.action) {
    case 'accept':
      return wf.step('accept', [code, actor], opts);
    case 'return':
      return wf.step('returnProblem', [code, actor], opts);
    case 'answer':
      return wf.step('answer', [code, body.note, actor], { idempotencyKey });
    case 'deliver':
      return wf.step('deliver', [code, actor], opts);
    case 'assign':
      return wf.step('assign', [code, body.unitId, actor], opts);
    case 'transfer':
      return wf.step('transfer', [code, body.unitId, actor], opts);
    case 'urge':
      return wf.step('urge', [code, actor], opts);
    case 'supervise':
      return wf.step('supervise', [code, actor], opts);
    case 'request_extension':
      return wf.step('requestExtension', [code, body.days, body.note, actor], { idempotencyKey });
    case 'decide_extension':
      return wf.step('decideExtension', [code, body.approve, actor], opts);
    case 'add_co_unit':
      return wf.addCoUnit(code, body.unitId, actor, opts);
    case 'rate':
      return wf.step('rate', [code, body.verdict, body.note, actor], { idempotencyKey });
    case 'withdraw':
      return wf.step('withdraw', [code, actor], opts);
    case 'close':
      return wf.step('close', [code, actor], opts);
  }
}
