import { ProblemRepository } from '../../repositories/problem.repository';
import { EnterpriseLookupService } from '../../services/enterprise-lookup.service';
import { ProblemWorkflowService } from '../../services/problem-workflow.service';
import type { Notifier } from '../../services/notifier';
import { QualityCheckService } from '../../services/quality-check.service';
import type { FeatureInstaller, ServiceKit } from '../feature-kit';
import { actionsFeature } from './actions.feature';
import type { ProblemFeatureDeps } from './problem-kit';
import { reportFeature } from './report.feature';
import { tasksFeature } from './tasks.feature';

/** The workflow (ledger + notifications + 撤单质检) wired from the container and the outbox's notifier. */
export function buildProblemWorkflow(
  c: Pick<ServiceKit, 'ds' | 'clock' | 'config' | 'ledger'>,
  sending: { notifier: Notifier },
): ProblemWorkflowService {
  const quality = new QualityCheckService(sending.notifier, c.config.qualityCheckRate, c.clock);
  return new ProblemWorkflowService(c.ds, c.ledger, sending.notifier, quality);
}

/** The problem features: report, my tasks / show, and the actions. */
export const installProblems: FeatureInstaller = (kit) => {
  const deps: ProblemFeatureDeps = {
    ds: kit.ds,
    workflow: kit.workflow,
    repo: new ProblemRepository(kit.ds),
    lookup: new EnterpriseLookupService(kit.ds),
  };
  return [reportFeature(deps), tasksFeature(deps), actionsFeature(deps)];
};
