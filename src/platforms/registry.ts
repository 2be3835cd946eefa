import type { Config } from '../config';
import { PermanentError } from '../lib/errors';
import type { AdapterDeps, PlatformAdapter, PlatformModule, SendTarget } from './adapter';
import { dingtalkPlatform } from './dingtalk/dingtalk.adapter';
import { wecomAppPlatform } from './wecom-app/wecom-app.adapter';
import { wecomBotPlatform } from './wecom-bot/wecom-bot.adapter';

/**
 * Every platform the app speaks, one line each. The order is the preference when a person has
 * accounts on several: the first adapter that sends 1:1 and knows one of their accounts is used.
 */
const MODULES: PlatformModule[] = [wecomAppPlatform, wecomBotPlatform, dingtalkPlatform];

/** Adds a platform (e.g. a test's fake); call before the container is built. A name is listed once. */
export function registerPlatform(module: PlatformModule): void {
  if (!MODULES.some((m) => m.name === module.name)) MODULES.push(module);
}

/** Removes a platform registerPlatform added (tests clean up after themselves). */
export function unregisterPlatform(name: string): void {
  const at = MODULES.findIndex((m) => m.name === name);
  if (at >= 0) MODULES.splice(at, 1);
}

/** The registered platforms, in preference order. */
export function platformModules(): readonly PlatformModule[] {
  return MODULES;
}

/** The account namespace of a platform's user ids (the WeCom app and 智能机器人 share one). */
export function accountsOf(platform: string): string {
  return MODULES.find((m) => m.name === platform)?.accounts ?? platform;
}

/** The account namespaces these settings let a registered platform write to 1:1, in preference order. */
export function directNamespaces(config: Config): string[] {
  return [...new Set(MODULES.filter((m) => m.sendsDirect?.(config)).map((m) => m.accounts))];
}

/** A person's account: its namespace and id. */
export interface Account {
  platform: string;
  accountId: string;
}

/** The built adapters, looked up by platform name, by channel, and by account namespace. */
export class Platforms {
  private readonly byName = new Map<string, PlatformAdapter>();
  private readonly byChannel = new Map<string, PlatformAdapter>();

  constructor(readonly adapters: readonly PlatformAdapter[]) {
    for (const a of adapters) {
      this.byName.set(a.name, a);
      for (const channel of a.channels) {
        const other = this.byChannel.get(channel);
        if (other) throw new Error(`channel ${channel} is claimed by both ${other.name} and ${a.name}`);
        this.byChannel.set(channel, a);
      }
    }
  }

  /** Builds every registered platform's adapter. */
  static build(deps: AdapterDeps, modules: readonly PlatformModule[] = platformModules()): Platforms {
    return new Platforms(modules.map((m) => m.create(deps)));
  }

  /** The adapter that received messages of this platform; throws PermanentError for an unknown one. */
  adapter(platform: string): PlatformAdapter {
    const found = this.byName.get(platform);
    if (!found) throw new PermanentError('unknown_platform', `no adapter is registered for ${platform}`);
    return found;
  }

  /** The adapter that plans rows of this channel, or undefined. */
  forChannel(channel: string): PlatformAdapter | undefined {
    return this.byChannel.get(channel);
  }

  /**
   * Every account namespace, in the registry's preference order (configured or not): the order in which a
   * person's accounts are tried for an @-mention.
   */
  get namespaces(): string[] {
    return [...new Set(this.adapters.map((a) => a.accounts))];
  }

  /** Account namespaces someone can be written to 1:1 right now (an adapter that sends knows them). */
  get reachable(): string[] {
    return [...new Set(this.adapters.filter((a) => a.sends && a.directTarget).map((a) => a.accounts))];
  }

  /** Where a 1:1 to someone with these accounts goes, by the registry's preference, or null. */
  direct(accounts: readonly Account[]): SendTarget | null {
    for (const a of this.adapters) {
      if (!a.sends || !a.directTarget) continue;
      const account = accounts.find((x) => x.platform === a.accounts);
      if (account) return a.directTarget(account.accountId);
    }
    return null;
  }

  /**
   * Where a 1:1 to one of these accounts goes whether or not its adapter is configured to send
   * (the outbox then records why it could not), by the registry's preference; null when no adapter
   * writes 1:1 in their namespaces.
   */
  anyDirect(accounts: readonly Account[]): SendTarget | null {
    for (const a of this.adapters) {
      if (!a.directTarget) continue;
      const account = accounts.find((x) => x.platform === a.accounts);
      if (account) return a.directTarget(account.accountId);
    }
    return null;
  }

  /** What people call the platform of an account namespace (its first adapter's label). */
  label(accounts: string): string {
    return this.adapters.find((a) => a.accounts === accounts)?.label ?? accounts;
  }

  /** Where a push to a bound group chat of this namespace goes, or null when no adapter pushes there. */
  group(accounts: string, groupChatId: string): SendTarget | null {
    const a = this.adapters.find((x) => x.accounts === accounts && x.groupTarget);
    return a?.groupTarget ? a.groupTarget(groupChatId) : null;
  }
}
