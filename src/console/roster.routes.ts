import { randomUUID } from 'node:crypto';
import { Router, type Response } from 'express';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ApiError } from '../http/api/errors';
import type { ImportOutcome, RosterImportService } from '../roster/roster-import.service';
import type { RosterPersonService } from '../roster/roster-person.service';
import { readWorkbook } from '../roster/roster.reader';
import type { RawRoster } from '../roster/roster.types';
import { can } from '../services/permissions';
import { actorOf, type Actor } from './authorize';
import { rawBody } from './raw-body';
import { refusalsAsApiErrors } from './user-error';
import { viewerOf } from './viewer.guard';

export interface RosterRoutesDeps {
  imports: RosterImportService;
  people: RosterPersonService;
  /** Keeps an uploaded workbook between its preview and the confirmation. */
  redis: Redis;
  prefix: string;
  /** Runs the import for real, with the roster's notices (sent after COMMIT). */
  apply: (raw: RawRoster) => Promise<ImportOutcome>;
}

/** The largest roster workbook accepted (a city's roster is a few MB). */
export const ROSTER_UPLOAD_LIMIT_MB = 20;
/** How long a previewed upload waits for its confirmation. */
const UPLOAD_TTL_SECONDS = 30 * 60;

const uuid = z.uuid({ message: '编号格式不正确' });
const statusBody = z.object({
  status: z.enum(['active', 'away', 'disabled'], { message: '状态只能是在岗、离岗或停用' }),
});
const reassignBody = z.union([
  z.object({ enterpriseId: uuid, toCadreId: uuid }),
  z.object({ fromCadreId: uuid, toCadreId: uuid }),
]);

function allow(actor: Actor): void {
  if (!can(actor, 'manage_roster')) throw new ApiError(403, 'forbidden', '只有管理员可以修改名册');
}

/** The body parsed by a zod schema, or a 400 with its first Chinese message. */
function bodyOf<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new ApiError(400, 'bad_body', parsed.error.issues[0]?.message ?? '请求内容不正确');
  return parsed.data;
}

/** An .xlsx upload read as a roster, or a 400 in Chinese (nothing is kept). */
async function readUpload(bytes: unknown): Promise<RawRoster> {
  if (!Buffer.isBuffer(bytes) || bytes.length === 0)
    throw new ApiError(400, 'no_file', '请选择要上传的名册工作簿（.xlsx）');
  try {
    return await readWorkbook(bytes);
  } catch {
    throw new ApiError(
      400,
      'bad_workbook',
      '无法读取该文件：请上传 Excel 工作簿（.xlsx），不要上传 .xls 或改了扩展名的文件',
    );
  }
}

/** Answers an outcome with errors as 422, listing every error by sheet, row and column. */
function refuseErrors(res: Response, outcome: Extract<ImportOutcome, { ok: false }>): void {
  res.status(422).json({
    error: 'invalid_roster',
    message: `名册有 ${outcome.errors.length} 处错误，未写入任何数据。请改正后重新上传。`,
    errors: outcome.errors,
  });
}

/** What an import did or would do, for the page. */
function summary(outcome: Extract<ImportOutcome, { ok: true }>) {
  return {
    counts: outcome.counts,
    outOfService: outcome.changes.outOfService.length,
    movedProblems: outcome.changes.movedProblems.length,
  };
}

/**
 * The roster's changes from the console (admins only): upload a workbook and see what importing it
 * would change (the import run in a transaction that is rolled back), confirm to apply it; set a
 * person's 状态; hand firms to another cadre.
 */
export function rosterRoutes(deps: RosterRoutesDeps): Router {
  const router = Router();
  const key = (owner: string, token: string) => `${deps.prefix}:console:roster-upload:${owner}:${token}`;
  const actor = (res: Response) => actorOf(viewerOf(res));

  router.post(
    '/console/roster/upload',
    (_req, res, next) => {
      // Refuse before reading megabytes from someone who may not import.
      allow(actor(res));
      next();
    },
    rawBody(ROSTER_UPLOAD_LIMIT_MB, '名册工作簿'),
    async (req, res) => {
      const a = actor(res);
      const raw = await readUpload(req.body);
      const outcome = await deps.imports.preview(raw);
      if (!outcome.ok) return refuseErrors(res, outcome);
      const token = randomUUID();
      await deps.redis.set(key(a.personId, token), req.body as Buffer, 'EX', UPLOAD_TTL_SECONDS);
      res.json({ token, ...summary(outcome) });
    },
  );

  router.post('/console/roster/apply', async (req, res) => {
    const a = actor(res);
    allow(a);
    const { token } = bodyOf(z.object({ token: uuid }), req.body);
    const bytes = await deps.redis.getBuffer(key(a.personId, token));
    if (!bytes) throw new ApiError(410, 'expired', '预览已过期或已导入，请重新上传名册');
    const outcome = await deps.apply(await readUpload(bytes));
    // Validated again against the database as it is now: someone may have imported meanwhile.
    if (!outcome.ok) return refuseErrors(res, outcome);
    await deps.redis.del(key(a.personId, token));
    res.json({ ok: true, ...summary(outcome) });
  });

  router.post('/console/roster/people/:id/status', async (req, res) => {
    const a = actor(res);
    allow(a);
    const id = bodyOf(uuid, req.params.id);
    const { status } = bodyOf(statusBody, req.body);
    res.json(await refusalsAsApiErrors(() => deps.people.setStatus(a, id, status)));
  });

  router.post('/console/roster/reassign', async (req, res) => {
    const a = actor(res);
    allow(a);
    const body = bodyOf(reassignBody, req.body);
    const target =
      'enterpriseId' in body ? { enterpriseId: body.enterpriseId } : { fromCadreId: body.fromCadreId };
    res.json(await refusalsAsApiErrors(() => deps.people.reassign(a, target, body.toCadreId)));
  });
  return router;
}
