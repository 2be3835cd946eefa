import { ScheduledJobRegistry } from '../jobs/scheduled.registry';
import type { Container } from './container';

/** The handlers of the contract's scheduled jobs available in this build. */
export function buildScheduledJobs(_c: Container): ScheduledJobRegistry {
  return new ScheduledJobRegistry();
}
