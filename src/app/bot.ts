import { Bot } from '../bot/bot';
import { DialogueStore } from '../bot/dialogue.store';
import { IdentityService } from '../bot/identity.service';
import { bindFeature } from '../commands/account/bind.feature';
import { commandsForRoles, parseCommand } from '../commands/parser';
import { installVisits } from '../commands/visits/install';
import { buildProblemWorkflow, installProblems } from '../commands/problems/install';
import { buildOutreach, installOutreach } from '../commands/outreach/install';
import type { Container } from './container';
import type { Sending } from './sending';

/** The bot with every installed feature. */
export function buildBot(c: Container, sending: Sending): Bot {
  const workflow = buildProblemWorkflow(c, sending);
  return new Bot({
    ds: c.ds,
    identity: new IdentityService(c.ds),
    dialogues: new DialogueStore(c.redis, c.config.queuePrefix),
    replier: sending.replier,
    clock: c.clock,
    logger: c.logger,
    parse: parseCommand,
    helpFor: (ctx) => {
      const lines = commandsForRoles(ctx.roles);
      const who = ctx.person ? `${ctx.person.name}，您好！` : '您好！';
      return `${who}您可以这样对我说：\n${lines.map((l) => `· ${l}`).join('\n')}`;
    },
    features: [
      bindFeature(c.ds),
      installVisits(c, sending, workflow),
      ...installProblems(c, workflow),
      ...installOutreach(buildOutreach(c, sending, workflow)),
    ],
  });
}
