import { createHmac, randomBytes } from 'node:crypto';
import { type Request, Router } from 'express';
import { z } from 'zod';
import { ApiError } from '../http/api/errors';
import type { Clock } from '../lib/clock';
import type { PolicyFileRepository } from '../repositories/policy-file.repository';
import type { SessionService } from '../services/outreach/session.service';
import { can } from '../services/permissions';
import { actorOf } from './authorize';
import { rawBody } from './raw-body';
import { refusalsAsApiErrors } from './user-error';
import { sameSecret, viewerOf } from './viewer.guard';

/** The largest policy attachment kept. */
export const POLICY_FILE_LIMIT_MB = 10;
/** How long a policy file's link works: the day's push and a month of firms opening it. */
const LINK_DAYS = 30;

/** What a policy attachment may be, recognised by its first bytes (the name alone proves nothing). */
const KINDS: { ext: RegExp; mime: string; magic: number[] }[] = [
  { ext: /\.pdf$/i, mime: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46] },
  {
    ext: /\.docx$/i,
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
  { ext: /\.doc$/i, mime: 'application/msword', magic: [0xd0, 0xcf, 0x11, 0xe0] },
];

const positive = z.coerce
  .number()
  .int()
  .min(1)
  .max(2 ** 31 - 1);

/** The signature of a file link: HMAC-SHA256 under the file's own secret, of its id and expiry. */
const sign = (secret: string, id: string, exp: number) =>
  createHmac('sha256', secret).update(`${id}.${exp}`).digest('hex');

export interface OutreachRoutesDeps {
  sessions: SessionService;
  files: PolicyFileRepository;
  clock: Clock;
}

/**
 * 现场办公 and 送政策 from the console: the minutes of a session (the way to close one that had no
 * problems on its agenda), and a policy's PDF/Word attachment, kept by the service and linked from
 * the push with a signed link that expires.
 */
export function outreachRoutes(deps: OutreachRoutesDeps): Router {
  const router = Router();

  router.post('/console/sessions/:number/minutes', async (req, res) => {
    const number = positive.safeParse(req.params.number);
    if (!number.success) throw new ApiError(400, 'bad_request', '现场办公编号应为正整数');
    const body = z.object({ summary: z.string().max(2000, '纪要最多 2000 字') }).safeParse(req.body);
    if (!body.success) throw new ApiError(400, 'bad_body', body.error.issues[0]?.message ?? '请填写纪要内容');
    const actor = actorOf(viewerOf(res));
    res.json(
      await refusalsAsApiErrors(() => deps.sessions.recordMinutes(number.data, body.data.summary, actor)),
    );
  });

  router.post(
    '/console/policies/:number/attachment',
    (_req, res, next) => {
      if (!can(actorOf(viewerOf(res)), 'publish_policy'))
        throw new ApiError(403, 'forbidden', '只有办理人或管理员可以上传政策附件');
      next();
    },
    rawBody(POLICY_FILE_LIMIT_MB, '附件'),
    async (req, res) => {
      const number = positive.safeParse(req.params.number);
      if (!number.success) throw new ApiError(400, 'bad_request', '政策编号应为正整数');
      const name = fileName(req);
      const content = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (content.length === 0) throw new ApiError(400, 'no_file', '请选择要上传的附件');
      const kind = KINDS.find((k) => k.ext.test(name));
      if (!kind || !kind.magic.every((b, i) => content[i] === b))
        throw new ApiError(415, 'bad_file', '附件须为 PDF 或 Word 文件（.pdf、.doc、.docx）');
      const policyId = await deps.files.policyId(number.data);
      if (!policyId) throw new ApiError(404, 'not_found', `没有编号为 ${number.data} 的政策`);
      const secret = randomBytes(32).toString('hex');
      const exp = Math.floor(deps.clock.now().getTime() / 1000) + LINK_DAYS * 86_400;
      const origin = `${req.protocol}://${req.get('host')}`;
      const viewer = viewerOf(res);
      const { id, link } = await deps.files.attach(
        policyId,
        {
          name,
          mime: kind.mime,
          content,
          secret,
          createdById: viewer.kind === 'person' ? viewer.person.id : null,
        },
        (fileId) => `${origin}/console/files/${fileId}?exp=${exp}&sig=${sign(secret, fileId, exp)}`,
      );
      res.json({ id, name, size: content.length, link });
    },
  );
  return router;
}

/** The file's name from `?name=` (what the browser's file picker said), kept to a safe length. */
function fileName(req: Request): string {
  const raw = typeof req.query.name === 'string' ? req.query.name : '';
  const name = raw
    .replace(/[\\/\r\n"]/g, '_')
    .trim()
    .slice(0, 200);
  if (!name) throw new ApiError(400, 'no_name', '请提供附件的文件名');
  return name;
}

/**
 * GET /console/files/:id?exp=&sig=: a policy attachment for whoever holds a valid link (a firm's
 * contact opening the push), no sign-in; an expired or altered link is refused in Chinese.
 */
export function policyFileRoute(files: PolicyFileRepository, clock: Clock): Router {
  const router = Router();
  router.get('/console/files/:id', async (req, res) => {
    const id = z.uuid().safeParse(req.params.id);
    const exp = positive.safeParse(req.query.exp);
    const sig = typeof req.query.sig === 'string' ? req.query.sig : '';
    const refuse = (status: number, text: string) => res.status(status).type('text/plain').send(text);
    if (!id.success || !exp.success || !/^[0-9a-f]{64}$/.test(sig)) return refuse(404, '链接无效');
    const file = await files.find(id.data);
    if (!file || !sameSecret(sig, sign(file.secret, file.id, exp.data))) return refuse(404, '链接无效');
    if (exp.data * 1000 <= clock.now().getTime())
      return refuse(410, '链接已过期，请向政策的咨询单位重新索取');
    res.setHeader('Content-Type', file.mime);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(file.content);
  });
  return router;
}
