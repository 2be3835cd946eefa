import type { DataSource, EntityManager } from 'typeorm';
import type { GroupPurpose } from '../entities/enums';
import type { OutboundPayload } from '../outbox/outbound-payload';
import type { SendTarget } from '../platforms/adapter';
import type { Sender } from '../outbox/sender';

/** One row for Sender.sendMany. */
type OutboxMessage = Parameters<Sender['sendMany']>[1][number];

/** A bound group chat to push to: an enterprise's, a unit's, a district's, or the leaders'. */
export type GroupTarget =
  | { purpose: 'enterprise'; enterpriseId: string }
  | { purpose: 'unit'; unitId: string }
  | { purpose: 'district'; unitId: string }
  | { purpose: 'leaders' };

/** How this deployment reaches people and groups: the platform registry's routes (src/platforms). */
export interface NotifierPlatforms {
  /** Every account namespace, in the registry's preference order (for @-mentions). */
  readonly namespaces: readonly string[];
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

  /**
   * Many people at once, each with its own key and payload, routed as toPerson routes one: one query
   * for every person's accounts, bulk inserts (Sender.sendMany). Returns how many of them had a route.
   */
  async toPeopleMany(
    manager: EntityManager | DataSource,
    items: PersonMessage[],
    outcome?: ItemOutcome,
  ): Promise<number> {
    if (items.length === 0) return 0;
    // The same accounts and order as toPerson's query, for many people at once.
    const rows: { personId: string; platform: string; accountId: string }[] = await manager.query(
      `SELECT a.person_id AS "personId", a.platform, a.account_id AS "accountId", 0 AS pref FROM person_account a
         JOIN person p ON p.id = a.person_id WHERE p.id = ANY($1::uuid[]) AND p.active
       UNION ALL
       SELECT b.person_id, b.platform, b.external_user_id, 1 FROM account_binding b
         JOIN person p ON p.id = b.person_id WHERE p.id = ANY($1::uuid[]) AND p.active
       ORDER BY "personId", pref, "accountId"`,
      [[...new Set(items.map((i) => i.personId))]],
    );
    const accounts = new Map<string, { platform: string; accountId: string }[]>();
    for (const r of rows) {
      const list = accounts.get(r.personId);
      const account = { platform: r.platform, accountId: r.accountId };
      if (list) list.push(account);
      else accounts.set(r.personId, [account]);
    }
    const messages: OutboxMessage[] = [];
    for (const [i, item] of items.entries()) {
      const route = this.platforms.direct(accounts.get(item.personId) ?? []);
      outcome?.(i, route !== null);
      if (!route) continue;
      messages.push({
        key: `${item.key}-p${item.personId}`,
        channel: route.channel,
        target: route.target,
        payload: { ...item.payload, ...route.extra },
      });
    }
    await this.sender.sendMany(manager, messages);
    return messages.length;
  }

  /**
   * Many group targets at once, each with its own key and payload, as toGroups sends one: one query for
   * every bound group with a push robot, bulk inserts. Returns how many group messages that makes.
   */
  async toGroupsMany(
    manager: EntityManager | DataSource,
    items: GroupMessage[],
    outcome?: ItemOutcome,
  ): Promise<number> {
    if (items.length === 0) return 0;
    const groups: { id: string; platform: string; purpose: string; scope: string | null }[] =
      await manager.query(
        `SELECT id, platform, purpose,
                CASE WHEN purpose = 'enterprise' THEN enterprise_id ELSE unit_id END::text AS scope
         FROM group_chat WHERE webhook_url IS NOT NULL AND purpose = ANY($1::text[]) ORDER BY id`,
        [[...new Set(items.map((i) => i.target.purpose))]],
      );
    const byTarget = new Map<string, typeof groups>();
    for (const g of groups) {
      const k = `${g.purpose}:${g.purpose === 'leaders' ? '' : (g.scope ?? '')}`;
      const list = byTarget.get(k);
      if (list) list.push(g);
      else byTarget.set(k, [g]);
    }
    const messages: OutboxMessage[] = [];
    for (const [i, { target, key, payload }] of items.entries()) {
      const before = messages.length;
      for (const g of byTarget.get(`${target.purpose}:${groupScope(target)}`) ?? []) {
        const route = this.platforms.group(g.platform, g.id);
        if (!route) continue;
        messages.push({
          key: `${key}-g${g.id}`,
          channel: route.channel,
          target: route.target,
          payload,
        });
      }
      outcome?.(i, messages.length > before);
    }
    await this.sender.sendMany(manager, messages);
    return messages.length;
  }
}

/** The enterprise or unit a group target names ('' for the leaders' groups). */
function groupScope(target: GroupTarget): string {
  if (target.purpose === 'enterprise') return target.enterpriseId;
  if (target.purpose === 'leaders') return '';
  return target.unitId;
}

/** One person's message for Notifier.toPeopleMany. */
/** Told, for each item of a bulk delivery in turn, whether it found a route (a dry run lists each miss). */
export type ItemOutcome = (index: number, reached: boolean) => void;

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
