import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { ApiError } from '../http/api/errors';
import { parseQuery } from '../http/api/query';
import { ACCOUNTABILITY_RULES, ACCOUNTABILITY_SUBJECTS } from '../entities/enums';
import { isoInZone, monthOf, previousMonth } from '../lib/time';
import { AccountabilityService } from '../services/accountability/accountability.service';
import { type AccountabilityLine, RULE_LABELS } from '../services/accountability/rules';
import { AccountabilitySettingsError, loadAccountabilitySettings } from '../services/accountability/settings';
import { hasRoleFor } from '../services/permissions';
import { RecurringRepository } from '../repositories/recurring.repository';
import { RecurringService } from '../services/recurring/recurring.service';
import { UserError } from '../lib/errors';
import { inScope, type UnitScope } from '../services/leader/leader-scope';
import { directory } from '../repositories/directory.repository';
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
  const me = (await directory.leaderScopes(deps.ds)).find((l) => l.id === a.personId);
  return me?.scope ?? new Set();
}

/** The current half-year, as the default assessment period. */
const currentHalf = (month: string) => `${month.slice(0, 4)}H${Number(month.slice(5)) <= 6 ? 1 : 2}`;

/**
 * The console's insight pages under /api/console: 考核 (assessment scores), the 慢作为/不作为 list
 * with leaders' explanations, and 一类事. Admins see every row; leaders what is under them.
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
    await (await assessmentWorkbook(report, settings)).xlsx.write(res);
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

  /** The month's 慢作为/不作为 list, the lines about cadres and units under the viewer. */
  const accountability = async (a: Actor, month: string) => {
    let settings;
    try {
      settings = loadAccountabilitySettings();
    } catch (err) {
      if (err instanceof AccountabilitySettingsError) throw new ApiError(503, 'bad_settings', err.message);
      throw err;
    }
    const service = new AccountabilityService(deps.ds);
    const list = await service.list(month, settings, deps.calendar.current(), deps.clock.now());
    const scope = await viewerScope(deps, a);
    const mine = (l: AccountabilityLine) => inScope(scope, l.subject.unitId, l.subject.id, ...l.districtIds);
    return { service, list, mine };
  };

  router.get('/console/accountability', async (req, res) => {
    const a = actor(res);
    requireInsight(a);
    const q = parseQuery(req, { month: monthQuery.optional() });
    const { list, mine } = await accountability(a, q.month ?? previousMonth(monthOf(deps.clock.now())));
    res.json({
      month: list.month,
      asOf: list.asOf,
      lines: list.lines.filter(mine).map((l) => ({
        ...l,
        ruleLabel: RULE_LABELS[l.rule],
        explanation: l.explanation && { ...l.explanation, at: isoInZone(l.explanation.at) },
      })),
      excused: list.excused.filter(mine).map((l) => ({ ...l, ruleLabel: RULE_LABELS[l.rule] })),
      mayExplain: hasRoleFor(a.roles, 'explain_accountability'),
    });
  });

  router.post('/console/accountability/explain', async (req, res) => {
    const a = actor(res);
    requireInsight(a);
    if (!hasRoleFor(a.roles, 'explain_accountability'))
      throw new ApiError(403, 'forbidden', '只有领导或管理员可以说明');
    const parsed = explainBody.safeParse(req.body);
    if (!parsed.success)
      throw new ApiError(400, 'bad_body', parsed.error.issues[0]?.message ?? '请求内容不正确');
    const b = parsed.data;
    const { service, list, mine } = await accountability(a, b.month);
    const line = list.lines.find(
      (l) => l.subject.kind === b.kind && l.subject.id === b.id && l.rule === b.rule,
    );
    if (!line || !mine(line)) throw new ApiError(404, 'not_found', '该月名单上没有这一条，或不在您的范围内');
    const personId = viewerOf(res).kind === 'person' ? a.personId : null;
    const outcome = await service.explain(list, b, b.note, personId);
    if (outcome === 'already') throw new ApiError(409, 'already', '这一条已经说明过了');
    res.json({ ok: true });
  });

  /** 一类事 the viewer may act on: the lead unit or a firm's district in their scope. */
  const recurringScope = async (a: Actor) => {
    const scope = await viewerScope(deps, a);
    return (ps: { leadUnitId: string | null; districtId: string }[], leadUnitId: string | null = null) =>
      inScope(scope, leadUnitId, ...ps.flatMap((p) => [p.leadUnitId, p.districtId]));
  };
  const asApiError = (err: unknown): never => {
    if (err instanceof UserError) {
      const status = { forbidden: 403, not_found: 404, conflict: 409 }[err.code] ?? 400;
      throw new ApiError(status, err.code, err.userMessage ?? err.message);
    }
    throw err;
  };
  const personActor = (res: Response): Actor => {
    const a = actor(res);
    if (viewerOf(res).kind !== 'person') {
      throw new ApiError(403, 'forbidden', '管理口令登录不能办理一类事，请用本人账号登录');
    }
    return a;
  };

  router.get('/console/recurring', async (_req, res) => {
    const a = actor(res);
    const handlerUnit = hasRole(a, 'handler') ? a.unitId : null;
    if (!mayOpen(a, 'assessment') && !handlerUnit) throw new ApiError(403, 'forbidden', '您无权查看该页面');
    const visible = await recurringScope(a);
    const service = new RecurringService(deps.ds);
    const clusters = mayOpen(a, 'assessment') ? await service.clusters(deps.clock.now()) : [];
    const issues = (await new RecurringRepository(deps.ds).issues()).filter(
      (i) =>
        (i.unitId !== null && i.unitId === handlerUnit) ||
        (mayOpen(a, 'assessment') && visible(i.problems, i.unitId)),
    );
    res.json({
      clusters: clusters.filter((c) => visible(c.problems, c.leadUnitId)),
      issues: issues.map((i) => ({
        ...i,
        createdAt: isoInZone(i.createdAt),
        settledAt: i.settledAt ? isoInZone(i.settledAt) : null,
      })),
      mayManage: hasRoleFor(a.roles, 'manage_recurring'),
      maySettle: hasRoleFor(a.roles, 'answer'),
    });
  });

  router.post('/console/recurring', async (req, res) => {
    const a = personActor(res);
    const b = parseBody(openBody, req.body);
    const visible = await recurringScope(a);
    const problems = await new RecurringRepository(deps.ds).problemsByCode(b.codes);
    if (!visible(problems)) throw new ApiError(403, 'forbidden', '这些问题不全在您的范围内');
    const number = await new RecurringService(deps.ds).open(a, b.title, b.codes).catch(asApiError);
    res.json({ ok: true, number });
  });

  router.post('/console/recurring/:number/assign', async (req, res) => {
    const a = personActor(res);
    const number = issueNumber(req.params.number);
    const b = parseBody(assignBody, req.body);
    const [issue] = await new RecurringRepository(deps.ds).issues(number);
    if (!issue || !(await recurringScope(a))(issue.problems)) {
      throw new ApiError(404, 'not_found', `没有编号为 ${number} 的一类事，或不在您的范围内`);
    }
    await new RecurringService(deps.ds, deps.workflow, deps.notifier)
      .assign(a, number, b.unitId)
      .catch(asApiError);
    res.json({ ok: true });
  });

  router.post('/console/recurring/:number/settle', async (req, res) => {
    const a = personActor(res);
    const number = issueNumber(req.params.number);
    const b = parseBody(settleBody, req.body);
    const key = req.get('idempotency-key') ?? `recurring-${number}`;
    if (!/^[A-Za-z0-9-]{8,64}$/.test(key))
      throw new ApiError(400, 'bad_key', 'Idempotency-Key must be 8–64 letters, digits or dashes');
    const outcome = await new RecurringService(deps.ds, deps.workflow)
      .settle(a, number, b.answer, `console-${key}`)
      .catch(asApiError);
    res.json({ ok: outcome.skipped.length === 0, ...outcome });
  });

  return router;
}

const issueNumber = (text: string | string[] | undefined): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 2_000_000_000)
    throw new ApiError(400, 'bad_number', '一类事编号不正确');
  return n;
};

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new ApiError(400, 'bad_body', parsed.error.issues[0]?.message ?? '请求内容不正确');
  return parsed.data;
}

const openBody = z.object({
  title: z
    .string({ error: '请填写一类事名称' })
    .trim()
    .min(2, { error: '请填写一类事名称' })
    .max(200, { error: '名称最多 200 字' }),
  codes: z
    .array(z.string().regex(/^W\d{8}-\d{4,}$/i, { error: '问题编号格式不正确' }), { error: '请选择问题' })
    .min(2, { error: '至少选择两个问题' })
    .max(500, { error: '一次最多 500 个问题' }),
});
const assignBody = z.object({ unitId: z.uuid({ error: '请选择单位' }) });
const settleBody = z.object({
  answer: z
    .string({ error: '请填写统一答复' })
    .trim()
    .min(2, { error: '请填写统一答复' })
    .max(2000, { error: '答复最多 2000 字' }),
});

const monthQuery = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式为 YYYY-MM');

/** The body of POST /api/console/accountability/explain. */
const explainBody = z.object({
  month: monthQuery,
  kind: z.enum(ACCOUNTABILITY_SUBJECTS, { error: '对象只能是干部或单位' }),
  id: z.uuid({ error: '对象编号不正确' }),
  rule: z.enum(ACCOUNTABILITY_RULES, { error: '没有这条问责规则' }),
  note: z
    .string({ error: '请填写说明' })
    .trim()
    .min(2, { error: '请填写说明（至少两个字）' })
    .max(500, { error: '说明最多 500 字' }),
});
