import { ScheduledJobRegistry } from '../jobs/scheduled.registry';
import type { Container } from './container';
import type { Sending } from './sending';

/** The handlers of the contract's scheduled jobs available in this build. */
export function buildScheduledJobs(_c: Container, _sending: Sending): ScheduledJobRegistry {
  return new ScheduledJobRegistry();
}
