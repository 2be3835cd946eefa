import type { Router } from 'express';
import type { Config } from '../../config';
import type {
  AdapterDeps,
  ConsoleLogin,
  ConsoleLoginKit,
  PlatformAdapter,
  PlatformModule,
  RosterPlace,
} from '../adapter';
import type { CallbackRoute } from './callback-route';
import type { ReceiverKit } from './receiver-kit';

/**
 * A registry entry for a platform whose settings group switches it on: its callback routes exist only
 * (and their plain `callbacks` for the node:http path) exist only when `settings(config)` is present, and
 * when `sendsDirect` it then writes to accounts 1:1.
 */
export function configuredPlatform(entry: {
  name: string;
  accounts: string;
  settings: (config: Config) => object | null;
  receiver: (kit: ReceiverKit) => Router;
  /** The same routes as plain handlers for the node:http acknowledgement path. */
  callbacks?: (kit: ReceiverKit) => CallbackRoute[];
  sendsDirect: boolean;
  roster?: RosterPlace;
  consoleLogin?: (kit: ConsoleLoginKit) => ConsoleLogin;
  create: (deps: AdapterDeps) => PlatformAdapter;
}): PlatformModule {
  const { settings, receiver, callbacks, sendsDirect, ...rest } = entry;
  return {
    ...rest,
    receiver: (kit) => (settings(kit.config) ? receiver(kit) : null),
    ...(callbacks ? { callbacks: (kit: ReceiverKit) => (settings(kit.config) ? callbacks(kit) : null) } : {}),
    ...(sendsDirect ? { sendsDirect: (config: Config) => settings(config) !== null } : {}),
  };
}
