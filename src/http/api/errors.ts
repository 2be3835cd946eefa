import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../../lib/logger';

/** A 4xx the API answers with a machine code and an English message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The one error handler: known errors keep their status; anything else is a logged 500 with no stack. */
export function apiErrorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ApiError) {
      res.status(err.status).json({ error: err.code, message: err.message });
      return;
    }
    const status = (err as { status?: number; statusCode?: number }).status ?? 500;
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: 'bad_request', message: (err as Error).message ?? 'bad request' });
      return;
    }
    logger.error({ err, path: req.path }, 'api request failed');
    res.status(500).json({ error: 'internal', message: 'internal error' });
  };
}
