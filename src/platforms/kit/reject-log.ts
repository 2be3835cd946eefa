import type { Counter } from 'prom-client';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';

/** Why a callback was refused: the `reason` label of qinshang_callbacks_rejected_total. */
export type RejectReason =
  'malformed' | 'missing' | 'signature' | 'stale' | 'receive_id' | 'replay' | 'too_large';

/** At most one warn line per (route, reason) in this window; the lines in between are counted. */
const SAMPLE_WINDOW_MS = 10_000;

/**
 * Counts every refused callback and logs a sample: anyone can post garbage at 1,000 requests a
 * second, and a line for each would fill the disk. Each logged line says how many it stands for.
 */
export class RejectLog {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly counter?: Counter<'route' | 'reason'>,
  ) {}

  record(route: string, status: number, reason: RejectReason, detail: string, code?: number): void {
    this.counter?.inc({ route, reason });
    const key = `${route} ${reason}`;
    const now = this.clock.now().getTime();
    const seen = this.last.get(key);
    if (seen && now - seen.at < SAMPLE_WINDOW_MS) {
      seen.suppressed++;
      return;
    }
    this.last.set(key, { at: now, suppressed: 0 });
    this.logger.warn(
      {
        route,
        status,
        reason,
        detail,
        ...(code === undefined ? {} : { code }),
        ...(seen?.suppressed ? { suppressed: seen.suppressed } : {}),
      },
      'callback rejected',
    );
  }
}
