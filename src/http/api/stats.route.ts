import { Router } from 'express';
import type { CalendarSource } from '../../services/calendar.service';
import type { StatsService } from '../../services/stats.service';
import { addDays, type IsoDate } from '../../lib/time';
import { ApiError } from './errors';
import { isoDate, parseQuery } from './query';

/** The longest window one request may ask for (the working-day table is built per request). */
const MAX_DAYS = 366 * 3;

/**
 * GET /api/stats?from=&to= — 三率 and counts, overall, per unit and per district. Both dates are
 * inclusive Beijing dates; `to` defaults to today and `from` to the first of `to`'s month.
 */
export function statsRoute(stats: StatsService, calendar: CalendarSource, today: () => IsoDate): Router {
  const router = Router();
  router.get('/stats', async (req, res) => {
    const q = parseQuery(req, { from: isoDate.optional(), to: isoDate.optional() });
    const to = q.to ?? today();
    const from = q.from ?? `${to.slice(0, 7)}-01`;
    if (from > to) throw new ApiError(400, 'bad_query', 'from is after to');
    if (addDays(from, MAX_DAYS) < to)
      throw new ApiError(400, 'bad_query', `at most ${MAX_DAYS} days at once`);
    res.json(await stats.report(from, to, calendar.current(), today()));
  });
  return router;
}
