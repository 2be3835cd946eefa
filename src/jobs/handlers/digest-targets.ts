import type { OutboundPayload } from '../../outbox/outbound-payload';
import type { JobDeps } from './job-deps';
import { directory } from '../../repositories/directory.repository';
import type { UnitScope } from '../../services/leader/leader-scope';

/** Builds one target's digest for a scope; `label` is the scope's unit name, null for the whole city. */
export type DigestBuilder = (
  scope: UnitScope,
  label: string | null,
) => OutboundPayload | Promise<OutboundPayload>;

/**
 * Sends a digest to every leader (1:1, scoped to the units under them) and the whole-city digest to
 * the leaders' group: keys `<prefix>leader-p<id>` and `<prefix>leaders-g<group>`. Returns how many
 * leaders could not be reached.
 */
export async function sendToLeaders(deps: JobDeps, prefix: string, build: DigestBuilder): Promise<number> {
  let unreachable = 0;
  for (const leader of await directory.leaderScopes(deps.ds)) {
    const ok = await deps.notifier.toPerson(
      deps.ds,
      leader.id,
      `${prefix}leader`,
      await build(leader.scope, leader.label),
    );
    if (!ok) unreachable++;
  }
  await deps.notifier.toGroups(deps.ds, { purpose: 'leaders' }, `${prefix}leaders`, await build('all', null));
  return unreachable;
}
