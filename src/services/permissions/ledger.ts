import type { ProblemEventAction, Role } from '../../entities/enums';
import { EVENT_LABELS } from '../../entities/labels';
import { type Action, ACTION_ROLES, hasRoleFor, type LedgerAction } from './actions';

/** Who is acting, as the bot or the API identified them. */
export interface Actor {
  personId: string;
  roles: readonly Role[];
  /** The person's unit (handlers, leaders, cadres, admins); null for enterprise contacts. */
  unitId: string | null;
  /** The enterprise an enterprise contact speaks for. */
  enterpriseId: string | null;
}

/**
 * Whether each role's data scope contains the problem: contact — their enterprise; cadre — an
 * enterprise they are paired with now; handler — their unit leads it; leader — it is led by, or the
 * enterprise is in, a unit under their scope root; admin — likewise for an admin of a campaign office
 * with a parent, else always. `coUnit`: their unit co-handles it (view only). See `scope.ts`.
 */
export type ScopeFacts = Record<Role, boolean> & { coUnit: boolean };

/**
 * The verbs of the steps that write no event of their own name, and of add_co_unit (whose event is
 * 协办); every other step is said with its event's word on the timeline (`entities/labels`).
 */
const OWN_VERB: Record<Exclude<LedgerAction, ProblemEventAction> | 'add_co_unit', string> = {
  view: '查看',
  close: EVENT_LABELS.admin_close,
  request_extension: EVENT_LABELS.extend_request,
  decide_extension: '审批延期',
  add_co_unit: '增加协办单位',
  reopen: '重新办理',
  flag: '标记',
};

/** The Chinese verb of an action, for refusals. */
export function actionVerb(action: LedgerAction): string {
  return Object.hasOwn(OWN_VERB, action)
    ? OWN_VERB[action as keyof typeof OWN_VERB]
    : EVENT_LABELS[action as Extract<LedgerAction, ProblemEventAction>];
}

/** Who may take the step, said as the rule (the role and, where it matters, its scope). */
const ROLE_REFUSAL: Partial<Record<LedgerAction, string>> = {
  assign: '只有包联干部或管理员才能交办该问题。',
  transfer: '只有包联干部或管理员才能转办该问题。',
  accept: '只有牵头单位的办理人才能受理该问题。',
  return: '只有牵头单位的办理人才能回退该问题。',
  answer: '只有牵头单位的办理人才能答复该问题。',
  deliver: '只有牵头单位的办理人、包联干部或管理员才能送达。',
  rate: '只有该企业的联系人才能评价该问题；企业没有联系人时，包联干部可发送“代评 编号 满意 电话确认”代为评价。',
  rate_proxy: '只有该企业的包联干部或管理员才能代企业评价。',
  close: '只有管理员才能直接销号，企业可通过评价确认销号。',
  withdraw: '只有该企业的联系人才能撤回该问题。',
  request_extension: '只有牵头单位的办理人才能申请延期。',
  decide_extension: '只有主管牵头单位的领导或管理员才能审批延期。',
  add_co_unit: '只有包联干部、牵头单位的办理人或管理员才能增加协办单位。',
  urge: '只有包联干部、企业联系人、领导或管理员才能催办该问题。',
  supervise: '只有领导或管理员才能督办该问题。',
};

/** True when one of the actor's roles may take the action and that role's scope holds the problem. */
export function permits(action: Action, actor: Pick<Actor, 'roles'>, scope: ScopeFacts): boolean {
  if (action === 'view') {
    return actor.roles.some((role) => scope[role] || (role === 'handler' && scope.coUnit));
  }
  return ACTION_ROLES[action].some((role) => actor.roles.includes(role) && scope[role]);
}

/**
 * The one-sentence Chinese refusal of a step the actor may not take, saying what is refused: the
 * rule when the actor lacks the role (or sees the problem but holds it in no acting scope), "not in
 * your remit" when the role is right but the problem lies outside its scope. Only 查看 says 无权查看.
 */
export function refusal(action: LedgerAction, actor: Actor, scope: ScopeFacts): string {
  if (action === 'view') return '您无权查看该问题。';
  const rule = ROLE_REFUSAL[action] ?? `您无权${actionVerb(action)}该问题。`;
  if (!hasRoleFor(actor.roles, action) || permits('view', actor, scope)) return rule;
  return `该问题不在您的职责范围内，您不能${actionVerb(action)}。`;
}
