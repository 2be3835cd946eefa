import type { DataSource, EntityManager } from 'typeorm';
import type { GroupPurpose } from '../entities/enums';
import type { OutboundPayload } from '../outbox/outbound-payload';
import type { SendTarget } from '../platforms/adapter';
import type { Sender } from '../outbox/sender';

/** A bound group chat to push to: an enterprise's, a unit's, a district's, or the leaders'. */
export type GroupTarget =
  | { purpose: 'enterprise'; enterpriseId: string }
  | { purpose: 'unit'; unitId: string }
  | { purpose: 'district'; unitId: string }
  | { purpose: 'leaders' };

/** How this deployment reaches people and groups: the platform registry's routes (src/platforms). */
export interface NotifierPlatforms {
  /** Account namespaces someone can be written to 1:1. */
  readonly reachable: readonly string[];
  /** Where a 1:1 to someone with these accounts goes, or null. */
  direct(accounts: readonly { platform: string; accountId: string }[]): SendTarget | null;
  /** Where a push to a bound group chat of this namespace goes, or null. */
  group(platform: string, groupChatId: string): SendTarget | null;
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
   * To one person, 1:1, on the first platform (registry order) that sends and knows one of their
   * accounts (roster or 绑定). Returns false when the person has no reachable account.
   */
  async toPerson(
    manager: EntityManager | DataSource,
    personId: string,
    key: string,
    payload: OutboundPayload,
  ): Promise<boolean> {
    const accounts: { platform: string; accountId: string }[] = await manager.query(
      `SELECT a.platform, a.account_id AS "accountId", 0 AS pref FROM person_account a
         JOIN person p ON p.id = a.person_id WHERE p.id = $1 AND p.active
       UNION ALL
       SELECT b.platform, b.external_user_id, 1 FROM account_binding b
         JOIN person p ON p.id = b.person_id WHERE p.id = $1 AND p.active
       ORDER BY pref, "accountId"`,
      [personId],
    );
    const route = this.platforms.direct(accounts);
    if (!route) return false;
    await this.sender.send(manager, `${key}-p${personId}`, route.channel, route.target, {
      ...payload,
      ...route.extra,
    });
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
    let sent = 0;
    for (const g of groups) {
      const route = this.platforms.group(g.platform, g.id);
      if (!route) continue;
      await this.sender.send(manager, `${key}-g${g.id}`, route.channel, route.target, payload);
      sent++;
    }
    return sent;
  }
}
