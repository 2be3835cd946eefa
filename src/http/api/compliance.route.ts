import { Router } from 'express';
import { z } from 'zod';
import type { ComplianceService } from '../../services/compliance.service';
import { parseQuery } from './query';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

/** GET /api/compliance?month=YYYY-MM — 一月两见 per pair (month defaults to the current Beijing month). */
export function complianceRoute(compliance: ComplianceService, currentMonth: () => string): Router {
  const router = Router();
  router.get('/compliance', async (req, res) => {
    const q = parseQuery(req, { month: month.optional() });
    res.json(await compliance.report(q.month ?? currentMonth()));
  });
  return router;
}
