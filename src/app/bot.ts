import { Bot } from '../bot/bot';
import { DialogueStore } from '../bot/dialogue.store';
import { IdentityService } from '../bot/identity.service';
import { bindFeature } from '../commands/account/bind.feature';
import { parseCommand } from '../commands/parser';
import { helpMessage } from '../bot/welcome';
import { UnderstandingService } from '../bot/understanding.service';
import { undoStored } from '../bot/undo';
import { ProblemRepository } from '../repositories/problem.repository';
import { UnderstandingRepository } from '../repositories/understanding.repository';
import { VisitService } from '../services/visit.service';
import { installVisits } from '../commands/visits/install';
import { buildProblemWorkflow, installProblems } from '../commands/problems/install';
import { buildOutreach, installOutreach } from '../commands/outreach/install';
import type { Container } from './container';
import { buildDirectory } from './directory';
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
    helpFor: (ctx) => helpMessage(ctx.person),
    features: [
      bindFeature({
        ds: c.ds,
        redis: c.redis,
        prefix: c.config.queuePrefix,
        sender: sending.sender,
        directory: buildDirectory(c),
        platforms: c.platforms,
        logger: c.logger,
      }),
      installVisits(c, sending, workflow),
      ...installProblems(c, workflow),
      ...installOutreach(buildOutreach(c, sending, workflow)),
    ],
    understanding: new UnderstandingService(new UnderstandingRepository(c.ds), new ProblemRepository(c.ds)),
    undo: undoStored(new VisitService(c.ds, c.clock), workflow),
  });
}
