import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Counts read from PostgreSQL at scrape time (rows survive restarts; counters would not). */
export interface DurabilitySources {
  deadInbound(): Promise<number>;
  failedOutbound(): Promise<{ code: string; n: number }[]>;
}

/** Prometheus metrics of one process; created once in the composition root. */
export class Metrics {
  readonly registry = new Registry();

  /** A counter of this process's registry. */
  private counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  readonly httpRequests = this.counter('qinshang_http_requests_total', 'HTTP requests by route and status', [
    'route',
    'status',
  ]);
  readonly httpDuration = new Histogram({
    name: 'qinshang_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly inbound = this.counter(
    'qinshang_inbound_messages_total',
    'Inbound messages by platform and outcome (stored, duplicate)',
    ['platform', 'outcome'],
  );
  readonly callbacksRejected = this.counter(
    'qinshang_callbacks_rejected_total',
    'Platform callbacks refused, by route and reason (malformed, signature, stale, replay …)',
    ['route', 'reason'],
  );
  readonly jobs = this.counter('qinshang_jobs_total', 'Finished jobs by queue and outcome', [
    'queue',
    'outcome',
  ]);

  private sources: DurabilitySources | null = null;
  readonly deadInbound = new Gauge({
    name: 'qinshang_inbound_dead_messages',
    help: 'Inbound messages parked as dead (a bug or bad data); re-drive with npm run redrive',
    registers: [this.registry],
    collect: async () => {
      if (this.sources) this.deadInbound.set(await this.sources.deadInbound().catch(() => -1));
    },
  });
  readonly failedOutbound = new Gauge({
    name: 'qinshang_outbound_failed_messages',
    help: 'Outbound messages failed for good, by platform error code',
    labelNames: ['code'] as const,
    registers: [this.registry],
    collect: async () => {
      if (!this.sources) return;
      const rows = await this.sources.failedOutbound().catch(() => []);
      this.failedOutbound.reset();
      for (const { code, n } of rows) this.failedOutbound.set({ code }, n);
    },
  });

  /** Where the dead and failed counts come from (set once the database is there). */
  watch(sources: DurabilitySources): void {
    this.sources = sources;
  }

  constructor(withDefaults = true) {
    if (withDefaults) collectDefaultMetrics({ register: this.registry, prefix: 'qinshang_' });
  }
}
