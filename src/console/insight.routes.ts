import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ApiError } from '../http/api/errors';
import { parseQuery } from '../http/api/query';
import { monthOf } from '../lib/time';
import { inScope, loadLeaderScopes, type UnitScope } from '../jobs/handlers/leader-scope';
import { AssessmentService, type AssessmentScope } from '../services/assessment/assessment.service';
import { assessmentWorkbook } from '../services/assessment/assessment.xlsx';
import { parsePeriod, PERIOD_HELP } from '../services/assessment/period';
import {
  AssessmentSettingsError,
  INPUT_LABELS,
  LEVEL_LABELS,
  loadAssessmentSettings,
} from '../services/assessment/settings';
import { actorOf, type Actor, hasRole, mayOpen } from './authorize';
import type { ConsoleApiDeps } from './console-api.routes';
import { viewerOf } from './viewer.guard';

/** The units a console viewer answers for: the campaign office's admin all, a leader their subtree. */
export async function viewerScope(deps: Pick<ConsoleApiDeps, 'ds'>, a: Actor): Promise<UnitScope> {
  if (hasRole(a, 'admin')) return 'all';
  if (!hasRole(a, 'leader')) return new Set();
  const me = (await loadLeaderScopes(deps.ds)).find((l) => l.id === a.personId);
  return me?.scope ?? new Set();
}

/** The current half-year, as the default assessment period. */
const currentHalf = (month: string) => `${month.slice(0, 4)}H${Number(month.slice(5)) <= 6 ? 1 : 2}`;

/**
 * The console's insight pages under /api/console: 考核 (assessment scores). Admins see every
 * row; leaders the cadres, units and districts under them.
 */
export function insightRoutes(deps: ConsoleApiDeps): Router {
  const router = Router();
  const actor = (res: Response) => actorOf(viewerOf(res));
  const requireInsight = (a: Actor) => {
    if (!mayOpen(a, 'assessment')) throw new ApiError(403, 'forbidden', '您无权查看该页面');
  };

  /** The viewer's assessment of the period the query names (default: the current half-year). */
  const assessment = async (req: Request, res: Response) => {
    const a = actor(res);
    requireInsight(a);
    const q = parseQuery(req, { period: z.string().trim().max(10).optional() });
    const period = parsePeriod(q.period ?? currentHalf(monthOf(deps.clock.now())));
    if (!period) throw new ApiError(400, 'bad_query', PERIOD_HELP);
    let settings;
    try {
      settings = loadAssessmentSettings();
    } catch (err) {
      if (err instanceof AssessmentSettingsError) throw new ApiError(503, 'bad_settings', err.message);
      throw err;
    }
    const scope = await viewerScope(deps, a);
    const keep: AssessmentScope = (level, id, groupId) =>
      level === 'cadre' ? inScope(scope, groupId) : inScope(scope, id);
    const report = await new AssessmentService(deps.ds).report(
      period,
      settings,
      deps.calendar.current(),
      keep,
    );
    return { report, settings };
  };

  router.get('/console/assessment/export', async (req, res) => {
    const { report, settings } = await assessment(req, res);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const filename = `考核-${report.period.key}.xlsx`;
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
    await assessmentWorkbook(report, settings).xlsx.write(res);
    res.end();
  });

  router.get('/console/assessment', async (req, res) => {
    const { report, settings } = await assessment(req, res);
    res.json({
      ...report,
      weights: settings.weights,
      labels: { inputs: INPUT_LABELS, levels: LEVEL_LABELS },
    });
  });

  return router;
}
