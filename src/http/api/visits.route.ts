import { Router } from 'express';
import { z } from 'zod';
import { isoInZone } from '../../lib/time';
import type { VisitRepository } from '../../repositories/visit.repository';
import { ApiError } from './errors';
import { isoDate, paging, parseQuery } from './query';

/** GET /api/visits?from=&to=&enterprise=&cadre= */
export function visitsRoute(visits: VisitRepository): Router {
  const router = Router();
  router.get('/visits', async (req, res) => {
    const q = parseQuery(req, {
      from: isoDate.optional(),
      to: isoDate.optional(),
      enterprise: z.string().max(64).optional(),
      cadre: z.string().max(64).optional(),
      ...paging,
    });
    if (q.from && q.to && q.from > q.to) throw new ApiError(400, 'bad_query', 'from is after to');
    const { items, total } = await visits.list(q);
    res.json({
      items: items.map((v) => ({ ...v, confirmedAt: v.confirmedAt ? isoInZone(v.confirmedAt) : null })),
      total,
    });
  });
  return router;
}
