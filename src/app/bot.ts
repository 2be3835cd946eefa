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
import { leaderFeature } from '../commands/leader/leader.feature';
import type { Container } from './container';
import { buildDirectory } from './directory';
import type { Sending } from './sending';

/** The bot with every installed feature. */
export function buildBot(c: Container, sending: Sending): Bot {
  const workflow = buildProblemWorkflow(c, sending);
  const problems = installProblems(c, workflow);
  const show = problems.find((f) => f.commands.show)?.commands.show;
  if (!show) throw new Error('the problem features must handle 查看');
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
        logger: c.logger,
      }),
      installVisits(c, sending, workflow),
      ...problems,
      ...installOutreach(buildOutreach(c, sending, workflow)),
      leaderFeature({
        ds: c.ds,
        redis: c.redis,
        prefix: c.config.queuePrefix,
        calendar: c.calendar,
        tiers: c.config.tiers,
        followUp: c.config.followUp,
        publicBaseUrl: c.config.publicBaseUrl,
        show,
      }),
    ],
    understanding: new UnderstandingService(new UnderstandingRepository(c.ds), new ProblemRepository(c.ds)),
    undo: undoStored(new VisitService(c.ds, c.clock), workflow),
  });
}
