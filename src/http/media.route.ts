import type { Express } from 'express';
import type { Clock } from '../lib/clock';
import { mediaUrlProblem } from '../media/media-url';
import type { MediaRepository } from '../repositories/media.repository';

/**
 * `GET /media/:id?expires=&sig=`: serves a stored attachment to whoever holds a signed, unexpired
 * URL (DingTalk's image fetcher, a leader's browser). 403 for a bad or expired signature, 404 for
 * an unknown id; without a signing secret the route is not mounted at all.
 */
export function mountMedia(
  app: Express,
  deps: { media: MediaRepository; secret: string; clock: Clock },
): void {
  app.get('/media/:id', async (req, res, next) => {
    try {
      const id = String(req.params.id);
      const problem = mediaUrlProblem(
        deps.secret,
        id,
        req.query.expires,
        req.query.sig,
        deps.clock.now().getTime(),
      );
      if (problem) {
        res
          .status(403)
          .type('text/plain')
          .send(problem === 'expired' ? '链接已过期' : '链接无效');
        return;
      }
      const media = await deps.media.find(id);
      if (!media) {
        res.status(404).type('text/plain').send('文件不存在');
        return;
      }
      const disposition = media.kind === 'file' ? 'attachment' : 'inline';
      res.set('Content-Type', media.contentType);
      res.set(
        'Content-Disposition',
        `${disposition}; filename*=UTF-8''${encodeURIComponent(media.filename)}`,
      );
      res.set('Cache-Control', 'private, max-age=86400');
      res.send(media.bytes);
    } catch (err) {
      next(err);
    }
  });
}
