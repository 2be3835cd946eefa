import { randomBytes } from 'node:crypto';
import { request as httpRequest, Agent } from 'node:http';

/**
 * Malformed requests of every kind the callback routes and the API meet from the internet: bad or
 * missing signatures, truncated and hostile XML and JSON, NUL bytes and lone surrogates, huge
 * parameters, wrong methods and content types. The answer must never be a 5xx.
 */
const PATHS = [
  '/wecom/callback',
  '/wecom/bot',
  '/dingtalk/callback',
  '/healthz',
  '/api/visits',
  '/api/problems',
];
const API = ['/api/visits', '/api/problems', '/api/problems/', '/api/compliance', '/api/stats'];
const VALUES = [
  '',
  '%00',
  '%ff%fe',
  '%ED%A0%80',
  "'; DROP TABLE visit;--",
  '2026-13-45',
  '-1',
  '99999999999999999999999',
  'NaN',
  '../../etc/passwd',
  'a'.repeat(5000),
  '%E4%B8%AD',
  '[object Object]',
  '1e309',
];
const BODIES = [
  '',
  '<xml>',
  '<xml><ToUserName><![CDATA[x]]></ToUserName><Encrypt><![CDATA[AAAA]]></Encrypt></xml>',
  '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><xml>&b;</xml>',
  '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Encrypt>&e;</Encrypt></xml>',
  '{"encrypt":"' + 'A'.repeat(100) + '"}',
  '{"text":{"content":"\\u0000\\ud800"},"msgId":"x","senderStaffId":"u"}',
  '{',
  'null',
  '[]',
  '{"encrypt":123}',
  '\u0000\u0000\u0000',
];
const QUERY_KEYS = [
  'msg_signature',
  'timestamp',
  'nonce',
  'echostr',
  'signature',
  'from',
  'to',
  'status',
  'cadre',
  'limit',
  'offset',
  'month',
  'date',
  'district',
  'tier',
];

function pick<T>(xs: readonly T[], r: () => number): T {
  return xs[Math.floor(r() * xs.length)];
}

/** One malformed request, chosen by a seeded generator so a failure can be replayed. */
export function malformed(seed: number): {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
} {
  let s = seed * 2654435761 || 1;
  const r = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const apiCall = r() < 0.35;
  let path = apiCall ? pick(API, r) : pick(PATHS, r);
  if (path.endsWith('/')) path += pick(VALUES, r) || 'P';
  const params = Array.from(
    { length: Math.floor(r() * 5) },
    () => `${pick(QUERY_KEYS, r)}=${pick(VALUES, r)}`,
  );
  if (r() < 0.1) params.push(`timestamp=${Math.floor(Date.now() / 1000)}`);
  const query = params.length ? `?${params.join('&')}` : '';
  const method =
    r() < 0.7 ? (apiCall ? 'GET' : 'POST') : pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'POST'], r);
  const headers: Record<string, string> = {};
  if (apiCall && r() < 0.6) headers.authorization = r() < 0.5 ? 'Bearer wrong' : `Bearer ${pick(VALUES, r)}`;
  const type = pick(
    ['text/xml', 'application/json', 'application/octet-stream', 'text/plain; charset=gbk', ''],
    r,
  );
  if (type) headers['content-type'] = type;
  if (r() < 0.2) {
    headers.timestamp = String(Date.now());
    headers.sign = pick(VALUES, r);
  }
  const body = r() < 0.15 ? randomBytes(Math.floor(r() * 2048)) : Buffer.from(pick(BODIES, r));
  // Node's client sends a GET / DELETE / OPTIONS body without a length, so the server would read its
  // bytes as the next request on the connection (a 400 and a closed socket, seen as the next request's
  // "socket hang up"). The body is the fuzz, the framing is not: always say how long it is.
  if (body.length > 0) headers['content-length'] = String(body.length);
  // Percent-escapes stay as they are (they are the point); only what HTTP forbids is escaped.
  const raw = (path + query).replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
  return { method, path: raw, headers, body };
}

export interface FuzzResult {
  sent: number;
  byStatus: Record<string, number>;
  fiveXx: { seed: number; status: number; method: string; path: string }[];
  /** The first few requests whose connection failed before an answer, with the error. */
  dropped: { seed: number; error: string; method: string; path: string }[];
  /** Requests that needed a fresh connection to be answered, with the error of the failed try. */
  retried: { seed: number; error: string; method: string; path: string }[];
}

/** Sends `count` malformed requests to `base` with `concurrency` keep-alive connections. */
export async function fuzz(
  base: string,
  count: number,
  concurrency = 16,
  adminToken?: string,
): Promise<FuzzResult> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const result: FuzzResult = { sent: 0, byStatus: {}, fiveXx: [], dropped: [], retried: [] };
  let next = 0;
  const send = (seed: number, attempt = 0) =>
    new Promise<number>((resolve) => {
      const m = malformed(seed);
      if (adminToken && m.headers.authorization === 'Bearer wrong' && seed % 2 === 0) {
        m.headers.authorization = `Bearer ${adminToken}`;
      }
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: m.method,
          path: m.path,
          headers: m.headers,
          agent: attempt === 0 ? agent : false,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', (err) => {
        // A kept-alive socket the server closed between two requests is the client's race (Node's
        // docs: retry on a fresh socket); so is a loopback reset on a machine loaded by other test
        // files. A server that really drops a request drops it on every try.
        if (attempt < 2) {
          if (result.retried.length < 50) {
            result.retried.push({ seed, error: err.message, method: m.method, path: m.path.slice(0, 120) });
          }
          setTimeout(() => resolve(send(seed, attempt + 1)), 20 * (attempt + 1));
          return;
        }
        if (result.dropped.length < 10) {
          result.dropped.push({ seed, error: err.message, method: m.method, path: m.path.slice(0, 120) });
        }
        resolve(0);
      });
      req.end(m.body);
    });
  const one = (seed: number) =>
    send(seed).then((status) => {
      result.sent++;
      result.byStatus[status] = (result.byStatus[status] ?? 0) + 1;
      if (status >= 500) {
        const m = malformed(seed);
        result.fiveXx.push({ seed, status, method: m.method, path: m.path.slice(0, 200) });
      }
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await one(next++);
    }),
  );
  agent.destroy();
  return result;
}
