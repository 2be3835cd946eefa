import type { DataSource, EntityManager } from 'typeorm';
import type { OutboundPayload } from '../outbox/outbound-payload';
import type { GroupTarget, Notifier } from './notifier';
import { directory, type Recipient } from '../repositories/directory.repository';

type Db = EntityManager | DataSource;

/** The routes a notice can take, in the order a plan tries them. */
export type RouteKind =
  | 'unit_group'
  | 'enterprise_group'
  | 'handlers'
  | 'leaders'
  | 'contacts'
  | 'cadre'
  | 'person'
  | 'office_admins';

/** One step of a plan: a bound group, or people one by one; `payload` overrides the plan's. */
export interface RouteStep {
  kind: RouteKind;
  /** How the history names the route, e.g. 单位群, 办理人. */
  label: string;
  group?: GroupTarget;
  people?: () => Promise<Recipient[]>;
  payload?: OutboundPayload;
}

/** Where a notice went: the first route that reached anyone, or nowhere (route null). */
export interface Delivery {
  route: RouteKind | null;
  /** For the history and replies, e.g. "办理人 张三、李四（一对一）", "未送达：无可联系的人". */
  summary: string;
  /** The people reached 1:1 (empty for a group). */
  reached: Recipient[];
}

export const UNDELIVERED = '未送达：无可联系的人';

/** Prepends a line to a payload's visible body (the reason a fallback got it). */
export function withLead(payload: OutboundPayload, line: string): OutboundPayload {
  if (!line) return payload;
  switch (payload.msgtype) {
    case 'text':
      return { ...payload, text: `${line}\n${payload.text ?? ''}` };
    case 'markdown':
      return { ...payload, markdown: { ...payload.markdown!, text: `${line}\n${payload.markdown!.text}` } };
    case 'card':
      return { ...payload, card: { ...payload.card!, description: `${line}\n${payload.card!.description}` } };
  }
}

/**
 * Delivery plans with fallbacks: each notice tries its routes in order and stops at the first that
 * reaches someone (a bound group with a push robot, or at least one active person with a reachable
 * account). The result says which route it took, for the problem's history and the sender's reply.
 */
export class DeliveryPlanner {
  constructor(readonly notifier: Notifier) {}

  async deliver(db: Db, key: string, payload: OutboundPayload, steps: RouteStep[]): Promise<Delivery> {
    for (const step of steps) {
      const body = step.payload ?? payload;
      if (step.group) {
        if ((await this.notifier.toGroups(db, step.group, key, body)) > 0) {
          return { route: step.kind, summary: step.label, reached: [] };
        }
        continue;
      }
      const reached: Recipient[] = [];
      for (const r of (await step.people?.()) ?? []) {
        if (await this.notifier.toPerson(db, r.id, key, body)) reached.push(r);
      }
      if (reached.length) {
        return {
          route: step.kind,
          summary: `${step.label} ${reached.map((r) => r.name).join('、')}（一对一）`,
          reached,
        };
      }
    }
    return { route: null, summary: UNDELIVERED, reached: [] };
  }

  /** A unit's notice: its group → its 办理人 → its 领导 → the campaign office's admins. */
  unitPlan(db: Db, unitId: string, unitName: string | null, payload: OutboundPayload): RouteStep[] {
    return [
      { kind: 'unit_group', label: '单位群', group: { purpose: 'unit', unitId } },
      { kind: 'handlers', label: '办理人', people: () => directory.handlers(db, unitId) },
      {
        kind: 'leaders',
        label: '单位领导',
        people: () => directory.leaders(db, unitId),
        payload: withLead(payload, '（本单位无单位群，也无可联系的办理人，请指定办理人处理）'),
      },
      this.officeStep(
        db,
        payload,
        `（${unitName ?? '该单位'}无单位群，也无可联系的办理人或领导，转亲商助企办）`,
      ),
    ];
  }

  /**
   * To an enterprise: its group → its contacts → (no contact) its cadre with `proxy`, the 代评
   * version → the campaign office's admins (with `proxy` too).
   */
  toEnterprise(
    db: Db,
    enterpriseId: string,
    cadreId: string | null,
    key: string,
    payload: OutboundPayload,
    proxy: OutboundPayload,
  ): Promise<Delivery> {
    return this.deliver(db, key, payload, [
      { kind: 'enterprise_group', label: '企业群', group: { purpose: 'enterprise', enterpriseId } },
      { kind: 'contacts', label: '企业联系人', people: () => directory.contacts(db, enterpriseId) },
      {
        kind: 'cadre',
        label: '包联干部（代评）',
        people: () => directory.person(db, cadreId),
        payload: proxy,
      },
      this.officeStep(db, proxy, '（该企业无联系人，也无可联系的包联干部，转亲商助企办代评）'),
    ]);
  }

  /** The campaign office's admins, as the last step, with the reason they got it. */
  officeStep(db: Db, payload: OutboundPayload, reason: string): RouteStep {
    return {
      kind: 'office_admins',
      label: '亲商助企办管理员',
      people: () => directory.officeAdmins(db),
      payload: withLead(payload, reason),
    };
  }

  /** To a unit, through its plan. */
  toUnit(db: Db, unitId: string, unitName: string | null, key: string, payload: OutboundPayload) {
    return this.deliver(db, key, payload, this.unitPlan(db, unitId, unitName, payload));
  }

  /** To named people, else the campaign office's admins. */
  toPeople(
    db: Db,
    key: string,
    payload: OutboundPayload,
    kind: RouteKind,
    label: string,
    ids: () => Promise<Recipient[]>,
    reason: string,
  ): Promise<Delivery> {
    return this.deliver(db, key, payload, [
      { kind, label, people: ids },
      this.officeStep(db, payload, reason),
    ]);
  }
}

/** Several notices of one event as one record: the first is the one who must act. */
export function combine(deliveries: Delivery[]): Delivery {
  const [first] = deliveries;
  return {
    route: first.route,
    summary: deliveries.map((d) => d.summary).join('；'),
    reached: deliveries.flatMap((d) => d.reached),
  };
}

/** Writes where a step's notice went onto its event. */
export async function recordDelivery(db: Db, eventId: string, delivery: Delivery): Promise<void> {
  await db.query(`UPDATE problem_event SET delivery = $2 WHERE id = $1`, [eventId, delivery.summary]);
}
