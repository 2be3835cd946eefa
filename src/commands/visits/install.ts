import type { Container } from '../../app/container';
import type { Sending } from '../../app/sending';
import type { Feature } from '../../bot/bot';
import { EnterpriseLookupService } from '../../services/enterprise-lookup.service';
import {
  CadreRatingService,
  GroupBindingService,
  MyEnterprisesService,
  VisitConfirmationService,
  VisitService,
} from '../../services/visits';
import type { ProblemWorkflowService } from '../../services/problem-workflow.service';
import { unacknowledgedLines } from '../outreach/unacknowledged';
import { visitFeature } from './visit.feature';

/** The visits feature wired from the container (database, clock, ledger) and the outbox's notifier. */
export function installVisits(c: Container, sending: Sending, workflow: ProblemWorkflowService): Feature {
  return visitFeature({
    ds: c.ds,
    visits: new VisitService(c.ds, c.clock),
    confirmations: new VisitConfirmationService(c.ds, c.clock),
    myEnterprises: new MyEnterprisesService(c.ds),
    ratings: new CadreRatingService(c.ds),
    groups: new GroupBindingService(c.ds),
    lookup: new EnterpriseLookupService(c.ds),
    workflow,
    notifier: sending.notifier,
    myEnterprisesExtra: unacknowledgedLines(c.ds),
  });
}
