import {
  isScheduledJobName,
  SCHEDULED_JOBS,
  type ScheduledJobHandler,
  type ScheduledJobName,
} from './catalogue';

/** Job name → handler. Registering a name twice, or one the contract does not know, stops start-up. */
export class ScheduledJobRegistry {
  private readonly handlers = new Map<ScheduledJobName, ScheduledJobHandler>();

  register(name: string, handler: ScheduledJobHandler): this {
    if (!isScheduledJobName(name)) throw new Error(`unknown scheduled job ${name}`);
    if (this.handlers.has(name)) throw new Error(`two handlers for scheduled job ${name}`);
    this.handlers.set(name, handler);
    return this;
  }

  get(name: ScheduledJobName): ScheduledJobHandler | undefined {
    return this.handlers.get(name);
  }

  /** Names in the contract that have a handler in this build. */
  implemented(): ScheduledJobName[] {
    return (Object.keys(SCHEDULED_JOBS) as ScheduledJobName[]).filter((n) => this.handlers.has(n));
  }

  /** Names in the contract that have no handler yet (logged at start). */
  missing(): ScheduledJobName[] {
    return (Object.keys(SCHEDULED_JOBS) as ScheduledJobName[]).filter((n) => !this.handlers.has(n));
  }
}
