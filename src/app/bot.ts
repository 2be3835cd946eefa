import { Bot } from '../bot/bot';
import { DialogueStore } from '../bot/dialogue.store';
import { IdentityService } from '../bot/identity.service';
import { accountsOf } from '../platforms/registry';
import { installFeatures } from '../commands';
import { parseCommand } from '../commands/parser';
import { helpMessage } from '../bot/welcome';
import { UnderstandingService } from '../bot/understanding.service';
import { undoStored } from '../bot/undo';
import { ProblemRepository } from '../repositories/problem.repository';
import { UnderstandingRepository } from '../repositories/understanding.repository';
import { VisitService } from '../services/visits';
import { buildProblemWorkflow } from '../commands/problems/install';
import type { Container } from './container';
import { buildDirectory } from './directory';
import type { Sending } from './sending';

/** The bot with every installed feature. */
export function buildBot(c: Container, sending: Sending): Bot {
  const workflow = buildProblemWorkflow(c, sending);
  const features = installFeatures({
    ...c,
    notifier: sending.notifier,
    sender: sending.sender,
    directory: buildDirectory(c),
    workflow,
  });
  return new Bot({
    ds: c.ds,
    identity: new IdentityService(c.ds, accountsOf),
    dialogues: new DialogueStore(c.redis, c.config.queuePrefix),
    replier: sending.replier,
    clock: c.clock,
    logger: c.logger,
    parse: parseCommand,
    helpFor: (ctx) => helpMessage(ctx.person),
    features,
    understanding: new UnderstandingService(new UnderstandingRepository(c.ds), new ProblemRepository(c.ds)),
    undo: undoStored(new VisitService(c.ds, c.clock), workflow),
  });
}
