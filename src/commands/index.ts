import type { Feature } from '../bot/bot';
import { installAccount } from './account/install';
import type { FeatureKit, FeatureInstaller } from './feature-kit';
import { installOutreach } from './outreach/install';
import { installProblems } from './problems/install';
import { installVisits } from './visits/install';

/**
 * Every chat feature folder, one line each, in the order the bot registers their handlers. A new
 * command lives in its folder (parser rule in commands/parser, handler in commands/<feature>) and,
 * when it is a new folder, adds one line here.
 */
const INSTALLERS: readonly FeatureInstaller[] = [
  installAccount,
  installVisits,
  installProblems,
  installOutreach,
];

/** The features of every folder, built from the kit. */
export function installFeatures(kit: FeatureKit): Feature[] {
  return INSTALLERS.flatMap((install) => install(kit));
}
