import { Initial1764000000000 } from './1764000000000-initial';
import { OutboundEnqueuedAt1764100000000 } from './1764100000000-outbound-enqueued-at';
import { CampaignOfficeUnitKind1765100000000 } from './1765100000000-campaign-office-unit-kind';
import { Outreach1765900000001 } from './1765900000001-outreach';

/** Every migration, in order. Listed explicitly so tsx, jest and the TypeORM CLI load the same set. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own option type
export const MIGRATIONS: Function[] = [
  Initial1764000000000,
  OutboundEnqueuedAt1764100000000,
  CampaignOfficeUnitKind1765100000000,
  Outreach1765900000001,
];
