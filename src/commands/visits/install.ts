import { EnterpriseLookupService } from '../../services/enterprise-lookup.service';
import { VisitService } from '../../services/visit.service';
import type { FeatureInstaller } from '../feature-kit';
import { unacknowledgedLines } from '../outreach/unacknowledged';
import { visitFeature } from './visit.feature';

/** The visits feature: 登记走访, 我的企业, 确认走访, 评价干部, group binding. */
export const installVisits: FeatureInstaller = (kit) => [
  visitFeature({
    ds: kit.ds,
    visits: new VisitService(kit.ds, kit.clock),
    lookup: new EnterpriseLookupService(kit.ds),
    workflow: kit.workflow,
    notifier: kit.notifier,
    myEnterprisesExtra: unacknowledgedLines(kit.ds),
  }),
];
