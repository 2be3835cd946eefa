import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Metrics } from '../../http/metrics';
import {
  MAX_CALLBACK_BODY_BYTES,
  readRawBody,
  rejection,
  sendAnswer,
  type CallbackAnswer,
  type ReceiverKit,
} from './receiver-kit';

export type { CallbackAnswer } from './receiver-kit';

/** A callback request as the receivers see it, whichever server read it. */
export interface CallbackRequest {
  /** The raw request target: path and the undecoded query string. */
  url: string;
  /** Lower-cased header names, as node gives them. */
  headers: IncomingHttpHeaders;
  /** The raw body (empty for a GET). */
  body: Buffer;
}

const EMPTY = Buffer.alloc(0);

/** One callback route: its method, exact path and what it answers. */
export interface CallbackRoute {
  method: 'GET' | 'POST';
  path: string;
  handle(req: CallbackRequest): CallbackAnswer | Promise<CallbackAnswer>;
}

/** The route's answer as a promise (a handler that throws rejects it). */
const answerOf = (route: CallbackRoute, req: CallbackRequest): Promise<CallbackAnswer> =>
  new Promise((resolve) => resolve(route.handle(req)));

/** One header's value (undefined when absent; repeated ones joined as node joins them). */
export function header(req: CallbackRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The routes as an express Router (body read raw, limited, before anything parses it). */
export function callbackRouter(deps: ReceiverKit, routes: readonly CallbackRoute[]): Router {
  const router = Router();
  for (const route of routes) {
    // A handler that throws goes to the app's error handler, as any express route's would.
    const handle = (req: Request, res: Response, next: NextFunction, body: Buffer) => {
      answerOf(route, { url: req.originalUrl, headers: req.headers, body }).then(
        (answer) => sendAnswer(res, answer),
        (err: unknown) => next(err),
      );
    };
    if (route.method === 'GET') {
      router.get(route.path, (req, res, next) => handle(req, res, next, EMPTY));
    } else {
      router.post(route.path, readRawBody(route.path, deps), (req, res, next) =>
        handle(req, res, next, Buffer.isBuffer(req.body) ? req.body : EMPTY),
      );
    }
  }
  return router;
}

/** A plain node:http handler: true when it took the request, false when express should have it. */
export type FastHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

const contentType = {
  'text/plain': 'text/plain; charset=utf-8',
  'application/json': 'application/json; charset=utf-8',
};

function write(res: ServerResponse, answer: CallbackAnswer): void {
  res.statusCode = answer.status;
  if (answer.body === undefined) return void res.end();
  const body = Buffer.from(answer.body, 'utf8');
  res.setHeader('Content-Type', contentType[answer.type ?? 'text/plain']);
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

/**
 * The callback routes served by node:http ahead of express: the same handlers, answers, checks and
 * metrics, without express's router, prototype swaps and body parser on the busiest path. It takes
 * only exact (method, path) matches with a body it can read as is; anything else (HEAD, a trailing
 * slash, a compressed or oversized body) goes to express, which serves the same routes.
 */
export function fastCallbacks(
  deps: ReceiverKit,
  routes: readonly CallbackRoute[],
  metrics?: Metrics,
): FastHandler {
  const byKey = new Map(routes.map((r) => [`${r.method} ${r.path}`, r]));
  // The metrics' children per route (and status), found once instead of by labels per request.
  const durations = new Map(routes.map((r) => [r.path, metrics?.httpDuration.labels({ route: r.path })]));
  const counts = new Map<string, { inc(): void }>();
  const countOf = (path: string, status: number) => {
    const key = `${path} ${status}`;
    let child = counts.get(key);
    if (!child && metrics) {
      child = metrics.httpRequests.labels({ route: path, status: String(status) });
      counts.set(key, child);
    }
    return child;
  };
  return (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const route = byKey.get(`${req.method} ${q < 0 ? url : url.slice(0, q)}`);
    if (!route) return false;
    const encoding = req.headers['content-encoding'];
    const length = Number(req.headers['content-length'] ?? 0);
    if ((encoding && encoding !== 'identity') || !(length <= MAX_CALLBACK_BODY_BYTES)) return false;
    const duration = durations.get(route.path);
    if (duration) {
      const end = duration.startTimer();
      res.once('finish', () => {
        end();
        countOf(route.path, res.statusCode)?.inc();
      });
    }
    const respond = (body: Buffer) =>
      answerOf(route, { url, headers: req.headers, body }).then(
        (answer) => write(res, answer),
        (err: unknown) => {
          deps.logger.error({ route: route.path, err: (err as Error).message }, 'callback failed');
          if (!res.headersSent)
            write(res, { status: 500, type: 'text/plain', body: 'Internal Server Error' });
        },
      );
    if (route.method === 'GET') {
      req.resume();
      void respond(EMPTY);
      return true;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size <= MAX_CALLBACK_BODY_BYTES) return void chunks.push(chunk);
      tooLarge = true;
      res.setHeader('Connection', 'close');
      write(res, rejection(deps, route.path, 413, 'too_large', 'body too large'));
    });
    req.on('end', () => {
      if (!tooLarge) void respond(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
    });
    req.on('error', () => req.destroy());
    return true;
  };
}
