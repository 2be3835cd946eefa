import type { Container } from '../../app/container';
import type { Sending } from '../../app/sending';
import type { Feature } from '../../bot/bot';
import { ProblemRepository } from '../../repositories/problem.repository';
import { EnterpriseLookupService } from '../../services/enterprise-lookup.service';
import { ProblemWorkflowService } from '../../services/problem-workflow.service';
import { QualityCheckService } from '../../services/quality-check.service';
import { actionsFeature } from './actions.feature';
import type { ProblemFeatureDeps } from './problem-kit';
import { reportFeature } from './report.feature';
import { tasksFeature } from './tasks.feature';

/** The workflow (ledger + notifications + 撤单质检) wired from the container and the outbox's notifier. */
export function buildProblemWorkflow(
  c: Container,
  sending: Pick<Sending, 'notifier'>,
): ProblemWorkflowService {
  const quality = new QualityCheckService(sending.notifier, c.config.qualityCheckRate, c.clock);
  return new ProblemWorkflowService(c.ds, c.ledger, sending.notifier, quality);
}

/** The problem features: report, my tasks / show, and the actions. */
export function installProblems(c: Container, workflow: ProblemWorkflowService): Feature[] {
  const deps: ProblemFeatureDeps = {
    ds: c.ds,
    workflow,
    repo: new ProblemRepository(c.ds),
    lookup: new EnterpriseLookupService(c.ds),
  };
  return [reportFeature(deps), tasksFeature(deps), actionsFeature(deps)];
}
