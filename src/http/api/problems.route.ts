import { Router } from 'express';
import { z } from 'zod';
import type { Problem } from '../../entities';
import { PROBLEM_STATUSES, TIERS } from '../../entities/enums';
import { VERDICT_LABELS } from '../../entities/labels';
import { isoInZone } from '../../lib/time';
import type { ProblemNames, ProblemRepository } from '../../repositories/problem.repository';
import { isProblemCode } from '../../services/problem-code';
import type { ProblemLedgerService, ProblemFilters } from '../../services/problem-ledger.service';
import type { Actor } from '../../services/problem-permissions';
import { ApiError } from './errors';
import { cleanParam, paging, parseQuery } from './query';

/** The API speaks for the campaign office: it sees every problem, as an admin does. */
const API_ACTOR: Actor = {
  personId: '00000000-0000-0000-0000-000000000000',
  roles: ['admin'],
  unitId: null,
  enterpriseId: null,
};

/** GET /api/problems?status=&category=&unit=&enterprise=&tier= and GET /api/problems/:code (with events). */
export function problemsRoute(ledger: ProblemLedgerService, repo: ProblemRepository): Router {
  const router = Router();

  const row = (p: Problem, names: ProblemNames | undefined) => ({
    id: p.id,
    code: p.code,
    kind: p.kind,
    category: names?.category ?? null,
    description: p.description,
    status: p.status,
    tier: ledger.tierOf(p),
    enterprise: names?.enterprise ?? { id: p.enterpriseId, name: '' },
    leadUnit: names?.leadUnit ?? null,
    deadline: p.dueOn,
    createdAt: isoInZone(p.createdAt),
    closedAt: p.closedAt ? isoInZone(p.closedAt) : null,
    rating: p.rating ? VERDICT_LABELS[p.rating] : null,
  });

  router.get('/problems', async (req, res) => {
    const q = parseQuery(req, {
      status: z.enum(PROBLEM_STATUSES).optional(),
      category: z.string().max(64).optional(),
      unit: z.string().max(64).optional(),
      enterprise: z.string().max(64).optional(),
      tier: z.enum(TIERS).optional(),
      ...paging,
    });
    const filters: ProblemFilters = { status: q.status, tier: q.tier, limit: q.limit, offset: q.offset };
    // A name that matches nothing selects nothing (not everything).
    const lookups = [
      ['categoryId', 'category', q.category],
      ['unitId', 'org_unit', q.unit],
      ['enterpriseId', 'enterprise', q.enterprise],
    ] as const;
    for (const [field, table, value] of lookups) {
      if (value === undefined) continue;
      const id = await repo.resolveId(table, value);
      if (id === null) {
        res.json({ items: [], total: 0 });
        return;
      }
      filters[field] = id;
    }
    const { items, total } = await ledger.listForActor(API_ACTOR, filters);
    const names = await repo.names(items);
    res.json({ items: items.map((p) => row(p, names.get(p.id))), total });
  });

  router.get('/problems/:code', async (req, res) => {
    const code = cleanParam('code', String(req.params.code));
    if (!isProblemCode(code)) throw new ApiError(400, 'bad_code', 'code must look like W20261123-0007');
    const problem = await ledger.findByCode(code);
    if (!problem) throw new ApiError(404, 'not_found', `no problem ${code.toUpperCase()}`);
    const names = await repo.names([problem]);
    const events = await repo.history(problem.id);
    res.json({
      ...row(problem, names.get(problem.id)),
      events: events.map((e) => ({
        at: isoInZone(e.at),
        actor: e.actor,
        action: e.action,
        from: e.from,
        to: e.to,
        note: e.note,
      })),
    });
  });
  return router;
}
