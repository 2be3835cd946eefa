import type { DataSource, EntityManager } from 'typeorm';
import type { GroupPurpose } from '../entities/enums';
import type { Channel, OutboundPayload } from '../outbox/outbound-payload';
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
    const [row] = await manager.query(
      `SELECT coalesce(p.wecom_user_id,
                (SELECT external_user_id FROM account_binding WHERE person_id = p.id AND platform = 'wecom' LIMIT 1))
                AS wecom,
              coalesce(p.dingtalk_user_id,
                (SELECT external_user_id FROM account_binding WHERE person_id = p.id AND platform = 'dingtalk' LIMIT 1))
                AS dingtalk
       FROM person p WHERE p.id = $1 AND p.active`,
      [personId],
    );
    if (!row) return false;
    let route: { channel: Channel; target: string } | null = null;
    if (row.wecom && this.platforms.wecomApp) route = { channel: 'wecom_app', target: row.wecom };
    else if (row.dingtalk && this.platforms.dingtalk)
      route = { channel: 'dingtalk_api_user', target: row.dingtalk };
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
}
