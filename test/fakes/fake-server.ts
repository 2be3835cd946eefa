import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';

/** One message a fake accepted or refused. */
export interface FakeRecord {
  api: string;
  /** The fake's clock (ms) when it answered. */
  at: number;
  /** Robot key / token / user the message was for, when the API has one. */
  to?: string;
  body: Record<string, unknown>;
  errcode?: number | string;
  errmsg?: string;
}

/** Shared plumbing of the fake platforms: port 0, a clock knob, 5xx injection, records. */
export abstract class FakeServer {
  url = '';
  readonly sent: FakeRecord[] = [];
  readonly rejected: FakeRecord[] = [];
  /** Added to Date.now() for everything the fake checks (token expiry, windows, timestamps). */
  clockOffsetMs = 0;
  /** Every answer waits this long first (a slow platform: requests stay in flight). */
  responseDelayMs = 0;
  /** Requests that arrived, answered or not (with a delay: some are still in flight). */
  received = 0;
  private failures = 0;
  private failStatus = 503;
  private failAfter = 0;
  private server: Server | null = null;

  protected readonly app: Express = express();

  constructor() {
    this.app.use(express.json({ limit: '10mb' }));
    this.app.use((_req: Request, _res: Response, next: NextFunction) => {
      this.received++;
      if (this.responseDelayMs > 0) setTimeout(next, this.responseDelayMs);
      else next();
    });
    this.app.use((_req: Request, res: Response, next: NextFunction) => {
      if (this.failures > 0 && this.failAfter > 0) {
        this.failAfter--;
      } else if (this.failures > 0) {
        this.failures--;
        res.status(this.failStatus).send('injected failure');
        return;
      }
      next();
    });
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** The next `n` calls (any route) answer HTTP `status`, after letting `after` calls through. */
  failNext(n: number, status = 503, after = 0): void {
    this.failures = n;
    this.failStatus = status;
    this.failAfter = after;
  }

  /** Starts listening on `port` (default: a free one). */
  async start(port = 0): Promise<this> {
    await new Promise<void>((resolve) => {
      this.server = this.app.listen(port, '127.0.0.1', () => resolve());
    });
    const bound = (this.server!.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${bound}`;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Answers like the platforms do: HTTP 200 with an errcode, and records the refusal. */
  protected refuse(
    res: Response,
    api: string,
    errcode: number,
    errmsg: string,
    body: unknown,
    to?: string,
  ): void {
    this.rejected.push({ api, at: this.now(), to, body: body as Record<string, unknown>, errcode, errmsg });
    res.json({ errcode, errmsg });
  }

  protected accept(api: string, body: unknown, to?: string): void {
    this.sent.push({ api, at: this.now(), to, body: body as Record<string, unknown> });
  }
}

/** A rolling-window counter per key: how many accepted in the last `windowMs`. */
export class RollingWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Records a hit if under the limit; false when the key is over it. */
  take(key: string, now: number): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    return true;
  }
}

export const utf8Bytes = (s: unknown) => Buffer.byteLength(typeof s === 'string' ? s : '', 'utf8');

/** One part of a multipart/form-data body. */
export interface FormPart {
  name: string;
  filename: string | null;
  contentType: string | null;
  data: Buffer;
}

/** Reads a multipart/form-data request body (the platforms' media uploads); null when it is not one. */
export async function readMultipart(req: {
  headers: Record<string, string | string[] | undefined>;
  [Symbol.asyncIterator](): AsyncIterator<unknown>;
}): Promise<FormPart[] | null> {
  const type = String(req.headers['content-type'] ?? '');
  const boundary = /^multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!boundary) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: FormPart[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const raw = body.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next
    const split = raw.indexOf('\r\n\r\n');
    const head = raw.subarray(0, split).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(head)?.[0] ?? '';
    parts.push({
      name: /name="([^"]*)"/.exec(disposition)?.[1] ?? '',
      filename: /filename="([^"]*)"/.exec(disposition)?.[1] ?? null,
      contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? null,
      data: raw.subarray(split + 4),
    });
    at = next;
  }
  return parts;
}

/** True for PNG or JPEG bytes (what WeCom's image messages take). */
export const isPngOrJpeg = (b: Buffer) =>
  (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) ||
  (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff);
