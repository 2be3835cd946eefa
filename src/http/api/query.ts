import type { Request } from 'express';
import { z } from 'zod';
import { isIsoDate } from '../../lib/time';
import { ApiError } from './errors';

export const isoDate = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');
export const paging = {
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
};

/** Parses a query string with a schema; a bad value is a 400 naming the parameter. */
export function parseQuery<T extends z.ZodRawShape>(req: Request, shape: T): z.infer<z.ZodObject<T>> {
  const flat: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(req.query)) {
    if (Array.isArray(v)) throw new ApiError(400, 'bad_query', `parameter ${k} given more than once`);
    if (v !== '') flat[k] = v;
  }
  const result = z.object(shape).strict().safeParse(flat);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue.path.join('.') || (issue as { keys?: string[] }).keys?.join(', ') || 'query';
    throw new ApiError(400, 'bad_query', `parameter ${name}: ${issue.message}`);
  }
  return result.data;
}
