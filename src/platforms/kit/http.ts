/** Which platform answered; used in errors, logs and metrics. */
export type PlatformName = 'wecom' | 'dingtalk';

/** Errcodes that mean "slow down": the robot or app is throttled for a while. */
const RATE_LIMITED = new Set(['45009', '130101']);
/** Errcodes that mean the access token is no longer valid: refresh once and retry the call. */
const TOKEN_EXPIRED = new Set(['40014', '42001', 'InvalidAuthentication']);
/**
 * Errcodes a retry cannot fix: bad webhook (93000), DingTalk security check failed (310000),
 * unknown robot token (300005), bad secret/corp id (40001/40013), no valid recipient (81013),
 * empty or over-long content (44004/45002), invalid parameter or message type (40058/40008).
 */
const PERMANENT = new Set([
  '93000',
  '310000',
  '300005',
  '40001',
  '40013',
  '81013',
  '44004',
  '45002',
  '40058',
  '40008',
]);

/** A platform refused a call: HTTP 200 with a non-zero errcode, an HTTP error, or no answer at all. */
export class PlatformError extends Error {
  readonly retryable: boolean;
  readonly rateLimited: boolean;
  readonly tokenExpired: boolean;

  constructor(
    readonly platform: PlatformName,
    readonly errcode: string,
    readonly errmsg: string,
    opts: { retryable?: boolean; httpStatus?: number } = {},
  ) {
    super(`${platform} error ${errcode}: ${errmsg}`);
    this.name = 'PlatformError';
    this.rateLimited = RATE_LIMITED.has(errcode) || opts.httpStatus === 429;
    this.tokenExpired = TOKEN_EXPIRED.has(errcode);
    // Unknown errcodes are retried: WeCom's -1 "system busy" and friends are transient, and a
    // bounded number of retries of a truly bad request costs little.
    this.retryable = opts.retryable ?? (this.rateLimited || this.tokenExpired || !PERMANENT.has(errcode));
  }
}

/** True when an error is a PlatformError (also across module copies in tests). */
export function isPlatformError(err: unknown): err is PlatformError {
  return err instanceof PlatformError;
}

export interface RequestOptions {
  platform: PlatformName;
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  /** Abort after this long; platforms answer in well under a second when healthy. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Calls a platform API with JSON in and out. Throws PlatformError when the platform says no
 * (non-zero `errcode` even with HTTP 200, DingTalk OpenAPI's `{code, message}` with HTTP 4xx),
 * on 5xx and on network errors or timeouts (retryable).
 */
export async function requestJson<T extends object>(url: string, opts: RequestOptions): Promise<T> {
  const { platform } = opts;
  let res: Response;
  try {
    res = await fetch(url, {
      method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(opts.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        ...opts.headers,
      },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (err) {
    throw new PlatformError(platform, 'network', errorText(err), { retryable: true });
  }
  const text = await res.text().catch(() => '');
  if (res.status >= 500) {
    throw new PlatformError(platform, `http_${res.status}`, text.slice(0, 200), { retryable: true });
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new PlatformError(platform, `http_${res.status}`, `not JSON: ${text.slice(0, 200)}`, {
      retryable: res.status === 429,
      httpStatus: res.status,
    });
  }
  if (!res.ok) {
    // DingTalk OpenAPI: {"code":"InvalidAuthentication","message":"..."} with a 4xx status.
    const code = String(json.code ?? json.errcode ?? `http_${res.status}`);
    const message = String(json.message ?? json.errmsg ?? text.slice(0, 200));
    throw new PlatformError(platform, code, message, {
      httpStatus: res.status,
      retryable: res.status === 429 || TOKEN_EXPIRED.has(code),
    });
  }
  if (json.errcode !== undefined && Number(json.errcode) !== 0) {
    throw new PlatformError(platform, String(json.errcode), String(json.errmsg ?? ''));
  }
  return json as T;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.name === 'TimeoutError' ? 'timeout' : err.message;
  return String(err);
}

/**
 * Moves a URL stored in the database (pointing at the real platform host) onto the configured
 * API base, keeping path and query, so a deployment behind a proxy and the tests' fakes both work.
 */
export function rebase(url: string, base: string): string {
  const parsed = new URL(url);
  const target = new URL(base);
  const basePath = target.pathname.replace(/\/+$/, '');
  return `${target.origin}${basePath}${parsed.pathname}${parsed.search}`;
}
