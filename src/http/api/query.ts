import type { Request } from 'express';
import { z } from 'zod';
import { isIsoDate } from '../../lib/time';
import { ApiError } from './errors';

export const isoDate = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');
export const paging = {
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
};

/** Control characters (NUL first: PostgreSQL refuses it) and lone surrogates are never a valid value. */
const UNSTORABLE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A path or query value as a string, or a 400 when it holds what no name or code can hold. */
export function cleanParam(name: string, value: string): string {
  if (UNSTORABLE.test(value)) {
    throw new ApiError(400, 'bad_query', `parameter ${name}: control characters are not allowed`);
  }
  return value;
}

/** Parses a query string with a schema; a bad value is a 400 naming the parameter. */
export function parseQuery<T extends z.ZodRawShape>(req: Request, shape: T): z.infer<z.ZodObject<T>> {
  const flat: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(req.query)) {
    if (Array.isArray(v)) throw new ApiError(400, 'bad_query', `parameter ${k} given more than once`);
    if (typeof v !== 'string') throw new ApiError(400, 'bad_query', `parameter ${k} must be a plain value`);
    if (v !== '') flat[cleanParam(k, k)] = cleanParam(k, v);
  }
  const result = z.object(shape).strict().safeParse(flat);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue.path.join('.') || (issue as { keys?: string[] }).keys?.join(', ') || 'query';
    throw new ApiError(400, 'bad_query', `parameter ${name}: ${issue.message}`);
  }
  return result.data;
}
