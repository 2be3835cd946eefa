import type { DataSource, EntityManager } from 'typeorm';
import type { GroupPurpose } from '../entities/enums';
import type { Channel, OutboundPayload } from '../outbox/outbound-payload';
import type { EnqueueRequest } from '../outbox/outbox.service';
import type { Sender } from '../outbox/sender';

/** A bound group chat to push to: an enterprise's, a unit's, a district's, or the leaders'. */
export type GroupTarget =
  | { purpose: 'enterprise'; enterpriseId: string }
  | { purpose: 'unit'; unitId: string }
  | { purpose: 'district'; unitId: string }
  | { purpose: 'leaders' };

/** Which sending platforms this deployment has. */
export interface NotifierPlatforms {
  wecomApp: boolean;
  dingtalk: boolean;
}

/**
 * Picks the channel for a person or a bound group and sends through the outbox. Keys are made
 * per destination from the caller's key, so one event notifies each person or group exactly once.
 */
export class Notifier {
  constructor(
    private readonly sender: Sender,
    readonly platforms: NotifierPlatforms,
  ) {}

  /**
   * To one person, 1:1: the WeCom app when they have a WeCom account (roster or 绑定), else DingTalk.
   * Returns false when the person has no reachable account.
   */
  async toPerson(
    manager: EntityManager | DataSource,
    personId: string,
    key: string,
    payload: OutboundPayload,
  ): Promise<boolean> {
    const [row]: AccountsRow[] = await manager.query(`${ACCOUNTS_SQL} WHERE p.id = $1 AND p.active`, [
      personId,
    ]);
    if (!row) return false;
    const route = personRoute(row, this.platforms);
    if (!route) return false;
    await this.sender.send(manager, `${key}-p${personId}`, route.channel, route.target, payload);
    return true;
  }

  /** To every bound group chat of the target that has a push robot; returns how many. */
  async toGroups(
    manager: EntityManager | DataSource,
    target: GroupTarget,
    key: string,
    payload: OutboundPayload,
  ): Promise<number> {
    const purpose: GroupPurpose = target.purpose;
    const params: unknown[] = [purpose];
    let where = `purpose = $1 AND webhook_url IS NOT NULL`;
    if (target.purpose === 'enterprise') {
      params.push(target.enterpriseId);
      where += ` AND enterprise_id = $2`;
    } else if (target.purpose === 'unit' || target.purpose === 'district') {
      params.push(target.unitId);
      where += ` AND unit_id = $2`;
    }
    const groups: { id: string; platform: string }[] = await manager.query(
      `SELECT id, platform FROM group_chat WHERE ${where} ORDER BY id`,
      params,
    );
    for (const g of groups) {
      const channel: Channel = g.platform === 'dingtalk' ? 'dingtalk_robot' : 'wecom_webhook';
      await this.sender.send(manager, `${key}-g${g.id}`, channel, g.id, payload);
    }
    return groups.length;
  }

  /**
   * Many people at once, each with its own key and payload, routed as toPerson routes one: one query
   * for every route, bulk inserts (Sender.sendMany). Returns how many of them had a route.
   */
  async toPeopleMany(manager: EntityManager | DataSource, items: PersonMessage[]): Promise<number> {
    if (items.length === 0) return 0;
    const rows: AccountsRow[] = await manager.query(
      `${ACCOUNTS_SQL} WHERE p.id = ANY($1::uuid[]) AND p.active`,
      [[...new Set(items.map((i) => i.personId))]],
    );
    const routes = new Map(rows.map((r) => [r.id, personRoute(r, this.platforms)]));
    const messages: EnqueueRequest[] = [];
    for (const item of items) {
      const route = routes.get(item.personId);
      if (route) messages.push({ key: `${item.key}-p${item.personId}`, ...route, payload: item.payload });
    }
    await this.sender.sendMany(manager, messages);
    return messages.length;
  }

  /**
   * Many group targets at once, each with its own key and payload, as toGroups sends one: one query for
   * every bound group with a push robot, bulk inserts. Returns how many group messages that makes.
   */
  async toGroupsMany(manager: EntityManager | DataSource, items: GroupMessage[]): Promise<number> {
    if (items.length === 0) return 0;
    const groups: { id: string; platform: string; purpose: string; scope: string | null }[] =
      await manager.query(
        `SELECT id, platform, purpose, CASE WHEN purpose = 'enterprise' THEN enterprise_id ELSE unit_id END::text AS scope FROM group_chat
         WHERE webhook_url IS NOT NULL AND purpose = ANY($1::text[]) ORDER BY id`,
        [[...new Set(items.map((i) => i.target.purpose))]],
      );
    const byTarget = new Map<string, typeof groups>();
    for (const g of groups) {
      const k = `${g.purpose}:${g.purpose === 'leaders' ? '' : (g.scope ?? '')}`;
      const list = byTarget.get(k);
      if (list) list.push(g);
      else byTarget.set(k, [g]);
    }
    const messages: EnqueueRequest[] = [];
    for (const { target, key, payload } of items) {
      for (const g of byTarget.get(`${target.purpose}:${groupScope(target)}`) ?? []) {
        const channel: Channel = g.platform === 'dingtalk' ? 'dingtalk_robot' : 'wecom_webhook';
        messages.push({ key: `${key}-g${g.id}`, channel, target: g.id, payload });
      }
    }
    await this.sender.sendMany(manager, messages);
    return messages.length;
  }
}

/**
 * The WeCom app when the person has a WeCom account, else DingTalk; null when neither is usable. A
 * plain function, not a method: the job guard wraps every Notifier method to count deliveries.
 */
function personRoute(
  row: AccountsRow,
  platforms: NotifierPlatforms,
): { channel: Channel; target: string } | null {
  if (row.wecom && platforms.wecomApp) return { channel: 'wecom_app', target: row.wecom };
  if (row.dingtalk && platforms.dingtalk) return { channel: 'dingtalk_api_user', target: row.dingtalk };
  return null;
}

interface AccountsRow {
  id: string;
  wecom: string | null;
  dingtalk: string | null;
}

/** A person's usable accounts: the roster's, else a 绑定's. */
const ACCOUNTS_SQL = `SELECT p.id,
         coalesce(p.wecom_user_id,
           (SELECT external_user_id FROM account_binding WHERE person_id = p.id AND platform = 'wecom' LIMIT 1))
           AS wecom,
         coalesce(p.dingtalk_user_id,
           (SELECT external_user_id FROM account_binding WHERE person_id = p.id AND platform = 'dingtalk' LIMIT 1))
           AS dingtalk
       FROM person p`;

/** The enterprise or unit a group target names ('' for the leaders' groups). */
function groupScope(target: GroupTarget): string {
  if (target.purpose === 'enterprise') return target.enterpriseId;
  if (target.purpose === 'leaders') return '';
  return target.unitId;
}

/** One person's message for Notifier.toPeopleMany. */
export interface PersonMessage {
  personId: string;
  key: string;
  payload: OutboundPayload;
}

/** One group target's message for Notifier.toGroupsMany. */
export interface GroupMessage {
  target: GroupTarget;
  key: string;
  payload: OutboundPayload;
}
