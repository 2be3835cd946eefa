import { OnsiteSessionRepository } from '../../repositories/onsite-session.repository';
import { PolicyRepository } from '../../repositories/policy.repository';
import { ProblemRepository } from '../../repositories/problem.repository';
import { EnterpriseLookupService } from '../../services/enterprise-lookup.service';
import { PolicyService } from '../../services/outreach/policy.service';
import { SessionService } from '../../services/outreach/session.service';
import type { Notifier } from '../../services/notifier';
import type { ProblemWorkflowService } from '../../services/problem-workflow.service';
import type { FeatureInstaller, ServiceKit } from '../feature-kit';
import { policyFeature } from './policy.feature';
import { sessionFeature } from './session.feature';

/** The outreach services (送政策, 现场办公) wired from the container, the notifier and the workflow. */
export function buildOutreach(
  c: Pick<ServiceKit, 'ds' | 'clock'>,
  sending: { notifier: Notifier },
  workflow: ProblemWorkflowService,
) {
  const policies = new PolicyService(
    c.ds,
    c.clock,
    new PolicyRepository(c.ds),
    new ProblemRepository(c.ds),
    workflow,
    sending.notifier,
  );
  const sessions = new SessionService(
    c.ds,
    c.clock,
    new OnsiteSessionRepository(),
    new EnterpriseLookupService(c.ds),
    workflow,
    sending.notifier,
    (text, what) => policies.resolveUnit(text, what),
  );
  return { policies, sessions };
}

/** The outreach chat features: 送政策 (已阅, 咨询, 发布政策) and 现场办公. */
export const installOutreach: FeatureInstaller = (kit) => {
  const outreach = buildOutreach(kit, kit, kit.workflow);
  return [policyFeature(outreach.policies), sessionFeature(outreach.sessions)];
};
