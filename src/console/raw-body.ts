import express, { type RequestHandler } from 'express';
import { ApiError } from '../http/api/errors';

/** Reads the request body as bytes up to `mb` megabytes; a bigger one is a 413 with a Chinese message. */
export function rawBody(mb: number, what: string): RequestHandler {
  const read = express.raw({ type: () => true, limit: `${mb}mb` });
  return (req, res, next) =>
    read(req, res, (err?: unknown) => {
      if ((err as { type?: string } | undefined)?.type === 'entity.too.large')
        return next(new ApiError(413, 'too_large', `${what}超过 ${mb} MB，请压缩或拆分后再上传`));
      next(err);
    });
}
