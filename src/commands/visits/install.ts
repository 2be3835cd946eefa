import { EnterpriseLookupService } from '../../services/enterprise-lookup.service';
import {
  CadreRatingService,
  GroupBindingService,
  MyEnterprisesService,
  VisitConfirmationService,
  VisitService,
} from '../../services/visits';
import type { FeatureInstaller } from '../feature-kit';
import { unacknowledgedLines } from '../outreach/unacknowledged';
import { visitFeature } from './visit.feature';

/** The visits feature: 登记走访, 我的企业, 确认走访, 评价干部, group binding. */
export const installVisits: FeatureInstaller = (kit) => [
  visitFeature({
    ds: kit.ds,
    visits: new VisitService(kit.ds, kit.clock),
    confirmations: new VisitConfirmationService(kit.ds, kit.clock),
    myEnterprises: new MyEnterprisesService(kit.ds),
    ratings: new CadreRatingService(kit.ds),
    groups: new GroupBindingService(kit.ds),
    lookup: new EnterpriseLookupService(kit.ds),
    workflow: kit.workflow,
    notifier: kit.notifier,
    myEnterprisesExtra: unacknowledgedLines(kit.ds),
  }),
];
