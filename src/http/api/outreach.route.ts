import { Router } from 'express';
import { z } from 'zod';
import { isoInZone } from '../../lib/time';
import type { OnsiteSessionRepository } from '../../repositories/onsite-session.repository';
import type { PolicyListRow, PolicyRepository } from '../../repositories/policy.repository';
import type { DataSource } from 'typeorm';
import { ApiError } from './errors';
import { isoDate, paging, parseQuery } from './query';

const at = (d: Date | null) => (d ? isoInZone(new Date(d)) : null);

/**
 * GET /api/policies?from=&to= (with each policy's reach), GET /api/policies/:number (plus its
 * deliveries per firm) and GET /api/sessions?from=&to=&enterprise= (with the agenda's outcomes).
 * Like the rest of the API it speaks for the campaign office and sees everything.
 */
export function outreachRoute(
  ds: DataSource,
  policies: PolicyRepository,
  sessions: OnsiteSessionRepository,
): Router {
  const router = Router();
  const withReach = async (p: PolicyListRow) => ({
    ...p,
    createdAt: at(p.createdAt),
    reach: await policies.reach(p.id),
  });

  router.get('/policies', async (req, res) => {
    const q = parseQuery(req, { from: isoDate.optional(), to: isoDate.optional(), ...paging });
    if (q.from && q.to && q.from > q.to) throw new ApiError(400, 'bad_query', 'from is after to');
    const { items, total } = await policies.list(q);
    res.json({ items: await Promise.all(items.map(withReach)), total });
  });

  router.get('/policies/:number', async (req, res) => {
    const number = z.coerce
      .number()
      .int()
      .min(1)
      .max(2 ** 31 - 1)
      .safeParse(req.params.number);
    if (!number.success) throw new ApiError(400, 'bad_request', 'a policy number is a positive integer');
    const [found] = (await policies.list({ number: number.data, limit: 1, offset: 0 })).items;
    if (!found) throw new ApiError(404, 'not_found', `no policy ${number.data}`);
    const deliveries = await policies.deliveries(found.id);
    res.json({
      ...(await withReach(found)),
      deliveries: deliveries.map((d) => ({
        ...d,
        pushedAt: at(d.pushedAt),
        acknowledgedAt: at(d.acknowledgedAt),
      })),
    });
  });

  router.get('/sessions', async (req, res) => {
    const q = parseQuery(req, {
      from: isoDate.optional(),
      to: isoDate.optional(),
      enterprise: z.string().max(64).optional(),
      ...paging,
    });
    if (q.from && q.to && q.from > q.to) throw new ApiError(400, 'bad_query', 'from is after to');
    const { items, total } = await sessions.list(ds.manager, q);
    res.json({
      items: items.map((s) => ({ ...s, remindedAt: at(s.remindedAt), minutesSentAt: at(s.minutesSentAt) })),
      total,
    });
  });
  return router;
}
