import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { METHOD_LABELS, ROLE_LABELS, STATUS_LABELS, TIER_LABELS, VERDICT_LABELS } from '../entities/labels';
import { PROBLEM_KINDS, PROBLEM_STATUSES, TIERS } from '../entities/enums';
import { ApiError } from '../http/api/errors';
import { isoDate, parseQuery } from '../http/api/query';
import type { Clock } from '../lib/clock';
import { addDays, dateOf, isoInZone, monthOf, type IsoDate } from '../lib/time';
import type { ProblemRepository } from '../repositories/problem.repository';
import type { CalendarSource } from '../services/calendar.service';
import type { ComplianceService } from '../services/compliance.service';
import type { ProblemWorkflowService } from '../services/problem-workflow.service';
import { can } from '../services/permissions';
import { isProblemCode } from '../services/problem-code';
import { canStartFrom, isService } from '../services/problem-ledger.transitions';
import { aggregate, rankings, type StatCell, type StatsService } from '../services/stats.service';
import {
  actorOf,
  type Actor,
  hasRole,
  mayOpen,
  pagesOf,
  permittedActions,
  type ConsolePage,
} from './authorize';
import { type ConsoleRepository, ROSTER_LISTS } from './console.repository';
import { EVENT_LABELS, KIND_LABELS } from './labels';
import { actionBody, CONSOLE_ACTIONS, runAction } from './problem-actions';
import { sessionOf, viewerOf } from './viewer.guard';
import { type ExportKind, streamExport, streamMonthlyWorkbook } from './export';
import { insightRoutes } from './insight.routes';
import type { Notifier } from '../services/notifier';
import { refusalsAsApiErrors } from './user-error';
import { rosterWords } from '../roster/roster.sheets';

export interface ConsoleApiDeps {
  ds: DataSource;
  repo: ConsoleRepository;
  problems: ProblemRepository;
  workflow: ProblemWorkflowService;
  compliance: ComplianceService;
  stats: StatsService;
  calendar: CalendarSource;
  clock: Clock;
  /** Tells a unit a 一类事 was assigned to it (absent: the item is assigned silently). */
  notifier?: Notifier;
}

const uuid = z.uuid();
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
export const problemQuery = {
  status: z.enum(PROBLEM_STATUSES).optional(),
  tier: z.enum(TIERS).optional(),
  unit: uuid.optional(),
  district: uuid.optional(),
  category: uuid.optional(),
  kind: z.enum(PROBLEM_KINDS).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().trim().max(100).optional(),
};
export const visitQuery = {
  from: isoDate.optional(),
  to: isoDate.optional(),
  district: uuid.optional(),
  q: z.string().trim().max(100).optional(),
};

/** Refuses a page the viewer's roles do not open (the menu hides it too, but the server decides). */
function requirePage(actor: Actor, page: ConsolePage): void {
  if (!mayOpen(actor, page)) throw new ApiError(403, 'forbidden', '您无权查看该页面');
}

/** The JSON the console's pages read and the actions they take, all under /api/console. */
export function consoleApiRoutes(deps: ConsoleApiDeps): Router {
  const router = Router();
  const today = (): IsoDate => dateOf(deps.clock.now());
  const actor = (res: Response) => actorOf(viewerOf(res));

  router.get('/console/me', (_req, res) => {
    const viewer = viewerOf(res);
    const a = actorOf(viewer);
    const session = sessionOf(res);
    res.json({
      name: viewer.kind === 'token' ? '亲商助企办' : viewer.person.name,
      roles: a.roles.map((r) => ROLE_LABELS[r]),
      pages: pagesOf(a),
      csrf: session?.session.csrf ?? null,
      today: today(),
      // Shapes the page only; every such request is checked again on the server.
      may: {
        manageRoster: can(a, 'manage_roster'),
        publishPolicy: can(a, 'publish_policy'),
        recordSession: can(a, 'record_session_outcome'),
      },
    });
  });

  router.get('/console/options', async (_req, res) => {
    res.json({
      ...(await deps.repo.options()),
      labels: {
        status: STATUS_LABELS,
        tier: TIER_LABELS,
        kind: KIND_LABELS,
        method: METHOD_LABELS,
        verdict: VERDICT_LABELS,
        event: EVENT_LABELS,
      },
    });
  });

  const problemFilter = (req: Request) => {
    const q = parseQuery(req, { ...problemQuery, ...pageQuery });
    if (q.from && q.to && q.from > q.to) throw new ApiError(400, 'bad_query', '开始日期晚于结束日期');
    return q;
  };

  router.get('/console/problems', async (req, res) => {
    const q = problemFilter(req);
    const { page, pageSize, ...filter } = q;
    const calendar = deps.calendar.current();
    const t = today();
    const { items, total } = await deps.repo.problems(actor(res), filter, t, calendar, {
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    res.json({
      page,
      pageSize,
      total,
      items: items.map((p) => ({
        ...p,
        tier: deps.workflow.ledger.tierOf(p),
        overdue: p.dueOn !== null && p.dueOn < t && ['assigned', 'accepted', 'answered'].includes(p.status),
        createdAt: isoInZone(p.createdAt),
        closedAt: p.closedAt ? isoInZone(p.closedAt) : null,
      })),
    });
  });

  router.get('/console/problems/:code', async (req, res) => {
    const code = String(req.params.code);
    if (!isProblemCode(code)) throw new ApiError(400, 'bad_code', '问题编号格式不正确');
    const a = actor(res);
    const problem = await deps.workflow.ledger.findByCode(code, a);
    if (!problem)
      throw new ApiError(404, 'not_found', `找不到编号为 ${code.toUpperCase()} 的问题，或您无权查看`);
    const [names, events, coUnits, allowed] = await Promise.all([
      deps.problems.names([problem]),
      deps.problems.history(problem.id),
      deps.problems.coUnits(problem.id),
      permittedActions(deps.ds.manager, a, problem.id, CONSOLE_ACTIONS),
    ]);
    const n = names.get(problem.id);
    res.json({
      code: problem.code,
      kind: problem.kind,
      status: problem.status,
      tier: deps.workflow.ledger.tierOf(problem),
      description: problem.description,
      resolution: problem.resolution,
      enterprise: n?.enterprise.name ?? '',
      leadUnit: n?.leadUnit?.name ?? null,
      category: n?.category ?? null,
      coUnits,
      dueOn: problem.dueOn,
      createdAt: isoInZone(problem.createdAt),
      closedAt: problem.closedAt ? isoInZone(problem.closedAt) : null,
      rating: problem.rating,
      // What the viewer's roles and scope allow and the status admits; the ledger checks both again.
      actions: allowed.actions.filter(
        (x) =>
          canStartFrom(x, problem.status) &&
          (x !== 'deliver' || (isService(problem.kind) && !problem.deliveredAt)),
      ),
      events: events.map((e) => ({ ...e, at: isoInZone(e.at) })),
    });
  });

  router.post('/console/problems/:code/actions', async (req, res) => {
    const code = String(req.params.code);
    if (!isProblemCode(code)) throw new ApiError(400, 'bad_code', '问题编号格式不正确');
    const parsed = actionBody.safeParse(req.body);
    if (!parsed.success)
      throw new ApiError(400, 'bad_body', parsed.error.issues[0]?.message ?? '请求内容不正确');
    const key = req.get('idempotency-key');
    if (key !== undefined && !/^[A-Za-z0-9-]{8,64}$/.test(key)) {
      throw new ApiError(400, 'bad_key', 'Idempotency-Key must be 8–64 letters, digits or dashes');
    }
    const result = await refusalsAsApiErrors(() =>
      runAction(deps.workflow, code, parsed.data, actor(res), `console-${key ?? randomUUID()}`),
    );
    res.json({ ok: true, status: result.problem.status, replayed: result.replayed });
  });

  router.get('/console/visits', async (req, res) => {
    const a = actor(res);
    requirePage(a, 'visits');
    const { page, pageSize, ...f } = parseQuery(req, { ...visitQuery, ...pageQuery });
    const { items, total } = await deps.repo.visits(a, f, { limit: pageSize, offset: (page - 1) * pageSize });
    res.json({
      page,
      pageSize,
      total,
      items: items.map((v) => ({ ...v, confirmedAt: v.confirmedAt ? isoInZone(v.confirmedAt) : null })),
    });
  });

  router.get('/console/compliance', async (req, res) => {
    const a = actor(res);
    requirePage(a, 'compliance');
    const q = parseQuery(req, { month: month.optional() });
    res.json(await complianceView(deps, a, q.month ?? monthOf(deps.clock.now())));
  });

  router.get('/console/stats', async (req, res) => {
    const a = actor(res);
    requirePage(a, 'stats');
    const q = parseQuery(req, {
      from: isoDate.optional(),
      to: isoDate.optional(),
      by: z.enum(['week', 'month']).default('week'),
    });
    const to = q.to ?? today();
    const from = q.from ?? addDays(to, -89);
    if (from > to) throw new ApiError(400, 'bad_query', '开始日期晚于结束日期');
    if (addDays(from, 366) < to) throw new ApiError(400, 'bad_query', '一次最多统计一年');
    res.json(await statsView(deps, a, from, to, q.by, today()));
  });

  router.get('/console/roster/:list', async (req, res) => {
    const a = actor(res);
    requirePage(a, 'roster');
    const list = ROSTER_LISTS.find((l) => l === req.params.list);
    if (!list) throw new ApiError(404, 'not_found', '没有这个名册');
    // The workbook's words for stored values (区县, 企业微信 …), so the page shows rows as the roster does.
    res.json({ items: await deps.repo.roster(list), words: rosterWords() });
  });

  router.get('/console/export/:kind', async (req, res) => {
    const a = actor(res);
    const kind = String(req.params.kind) as ExportKind | 'monthly';
    if (kind === 'problems') {
      const f = parseQuery(req, problemQuery);
      return streamExport(res, { kind, filter: f }, a, deps, today());
    }
    if (kind === 'visits') {
      requirePage(a, 'visits');
      return streamExport(res, { kind, filter: parseQuery(req, visitQuery) }, a, deps, today());
    }
    if (kind === 'compliance') {
      requirePage(a, 'compliance');
      const q = parseQuery(req, { month: month.optional() });
      return streamExport(res, { kind, month: q.month ?? monthOf(deps.clock.now()) }, a, deps, today());
    }
    if (kind === 'monthly') {
      const q = parseQuery(req, { month: month.optional() });
      return streamMonthlyWorkbook(res, q.month ?? monthOf(deps.clock.now()), a, deps, today());
    }
    throw new ApiError(404, 'not_found', '没有这种导出');
  });
  router.use(insightRoutes(deps));
  return router;
}

/** 一月两见 of the pairs the actor may see: each pair, and rates per cadre, unit and district. */
export async function complianceView(deps: Pick<ConsoleApiDeps, 'compliance' | 'repo'>, a: Actor, m: string) {
  const all = await deps.compliance.pairs(m);
  const reach = hasRole(a, 'leader') && a.unitId ? await deps.repo.subtree(a.unitId) : new Set<string>();
  const pairs = hasRole(a, 'admin')
    ? all
    : all.filter(
        (p) =>
          (hasRole(a, 'cadre') && p.cadre.id === a.personId) ||
          (hasRole(a, 'contact') && p.enterprise.id === a.enterpriseId) ||
          reach.has(p.enterprise.districtId) ||
          (p.cadre.unitId !== null && reach.has(p.cadre.unitId)),
      );
  const rateBy = (key: (p: (typeof pairs)[number]) => string) => {
    const groups = new Map<string, { name: string; pairs: number; met: number }>();
    for (const p of pairs) {
      const name = key(p);
      const g = groups.get(name) ?? { name, pairs: 0, met: 0 };
      g.pairs++;
      if (p.met) g.met++;
      groups.set(name, g);
    }
    return [...groups.values()]
      .map((g) => ({ ...g, rate: Math.round((g.met / g.pairs) * 1000) / 1000 }))
      .sort((x, y) => x.rate - y.rate || x.name.localeCompare(y.name, 'zh'));
  };
  const met = pairs.filter((p) => p.met).length;
  return {
    month: m,
    summary: {
      pairs: pairs.length,
      met,
      rate: pairs.length ? Math.round((met / pairs.length) * 1000) / 1000 : 0,
    },
    pairs: pairs.map((p) => ({
      cadre: p.cadre.name,
      unit: p.cadre.unitName,
      enterprise: p.enterprise.name,
      district: p.enterprise.districtName,
      contacts: p.contacts,
      met: p.met,
    })),
    byCadre: rateBy((p) => p.cadre.name),
    byUnit: rateBy((p) => p.cadre.unitName ?? '（无单位）'),
    byDistrict: rateBy((p) => p.enterprise.districtName),
  };
}

/**
 * 三率 per unit and district the actor answers for (admin: all and the city; leader: units and
 * districts under theirs; handler: their unit), trends, and 红黑榜 by resolution rate.
 */
export async function statsView(
  deps: ConsoleApiDeps,
  a: Actor,
  from: IsoDate,
  to: IsoDate,
  by: 'week' | 'month',
  t: IsoDate,
) {
  const admin = hasRole(a, 'admin');
  const reach = new Set<string>();
  if (hasRole(a, 'leader') && a.unitId) for (const id of await deps.repo.subtree(a.unitId)) reach.add(id);
  const ownUnit = hasRole(a, 'handler') ? a.unitId : null;
  const keep = (c: StatCell) =>
    admin || reach.has(c.districtId) || (c.unitId !== null && (reach.has(c.unitId) || c.unitId === ownUnit));
  const [cells, names] = await Promise.all([
    deps.stats.cells(from, to, deps.calendar.current(), t),
    deps.stats.unitNames(),
  ]);
  const report = aggregate(cells, names, from, to, keep);
  const units = admin || reach.size ? report.units : report.units.filter((u) => u.unit.id === ownUnit);
  const board = rankings(units, 5);
  return {
    ...report,
    units,
    districts: admin || reach.size ? report.districts : [],
    trend: await deps.repo.trend(a, from, to, by),
    red: board.red,
    black: board.black,
    cadreRatings: await deps.repo.cadreRatings(a, from, to),
  };
}
