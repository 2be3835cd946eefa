import { Initial1764000000000 } from './1764000000000-initial';
import { OutboundEnqueuedAt1764100000000 } from './1764100000000-outbound-enqueued-at';
import { CampaignOfficeUnitKind1765100000000 } from './1765100000000-campaign-office-unit-kind';
import { DeliveryProxyClosure1765200000002 } from './1765200000002-delivery-proxy-closure';
import { BindingAudit1765300000001 } from './1765300000001-binding-audit';
import { Durability1765400000001 } from './1765400000001-durability';
import { EnterpriseSearch1765600000001 } from './1765600000001-enterprise-search';
import { Outreach1765900000001 } from './1765900000001-outreach';
import { Accounts1766000000001 } from './1766000000001-accounts';
import { ContactTarget1766100000001 } from './1766100000001-contact-target';
import { MediaAsset1766300000001 } from './1766300000001-media-asset';
import { Accountability1766400000001 } from './1766400000001-accountability';
import { RecurringIssues1766400000002 } from './1766400000002-recurring-issues';
import { ConsoleLists1766700000001 } from './1766700000001-console-lists';
import { FuzzyIdsRows1766810000001 } from './1766810000001-fuzzy-ids-rows';
import { ConsoleSearch1766820000001 } from './1766820000001-console-search';
import { RosterExampleIndex1766900000001 } from './1766900000001-roster-example-index';
import { VisitMonthPairs1766900000002 } from './1766900000002-visit-month-pairs';
import { PlatformChecks1767000000001 } from './1767000000001-platform-checks';

/** Every migration, in order. Listed explicitly so tsx, jest and the TypeORM CLI load the same set. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own option type
export const MIGRATIONS: Function[] = [
  Initial1764000000000,
  OutboundEnqueuedAt1764100000000,
  CampaignOfficeUnitKind1765100000000,
  DeliveryProxyClosure1765200000002,
  BindingAudit1765300000001,
  Durability1765400000001,
  EnterpriseSearch1765600000001,
  Outreach1765900000001,
  Accounts1766000000001,
  ContactTarget1766100000001,
  MediaAsset1766300000001,
  Accountability1766400000001,
  RecurringIssues1766400000002,
  ConsoleLists1766700000001,
  FuzzyIdsRows1766810000001,
  ConsoleSearch1766820000001,
  RosterExampleIndex1766900000001,
  VisitMonthPairs1766900000002,
  PlatformChecks1767000000001,
];
