import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of one process; created once in the composition root. */
export class Metrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'qinshang_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'qinshang_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly inbound = new Counter({
    name: 'qinshang_inbound_messages_total',
    help: 'Inbound messages by platform and outcome (stored, duplicate)',
    labelNames: ['platform', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly callbacksRejected = new Counter({
    name: 'qinshang_callbacks_rejected_total',
    help: 'Platform callbacks refused, by route and reason (malformed, signature, stale, replay …)',
    labelNames: ['route', 'reason'] as const,
    registers: [this.registry],
  });
  readonly jobs = new Counter({
    name: 'qinshang_jobs_total',
    help: 'Finished jobs by queue and outcome',
    labelNames: ['queue', 'outcome'] as const,
    registers: [this.registry],
  });

  constructor(withDefaults = true) {
    if (withDefaults) collectDefaultMetrics({ register: this.registry, prefix: 'qinshang_' });
  }
}
