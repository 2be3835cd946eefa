import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../lib/clock';

/** How long a signed media URL works: DingTalk clients load the picture when the message is opened. */
export const MEDIA_URL_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const signature = (secret: string, id: string, expires: number) =>
  createHmac('sha256', secret).update(`${id}.${expires}`).digest('base64url');

/**
 * `<base>/media/<id>?expires=<unix s>&sig=<HMAC-SHA256(secret, id.expires), base64url>`: the
 * address DingTalk fetches a chart from. Without the secret nobody can make one, and it stops
 * working after `expires`.
 */
export function signedMediaUrl(base: string, secret: string, id: string, nowMs: number): string {
  const expires = Math.floor((nowMs + MEDIA_URL_TTL_MS) / 1000);
  return `${base}/media/${id}?expires=${expires}&sig=${signature(secret, id, expires)}`;
}

/** Why a media request is refused, or null when its signature holds and has not expired. */
export function mediaUrlProblem(
  secret: string,
  id: string,
  expires: unknown,
  sig: unknown,
  nowMs: number,
): 'bad_signature' | 'expired' | null {
  const exp = Number(expires);
  if (typeof sig !== 'string' || !Number.isInteger(exp)) return 'bad_signature';
  const expected = Buffer.from(signature(secret, id, exp));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad_signature';
  return exp * 1000 < nowMs ? 'expired' : null;
}

/** The signer senders use: null when the service has no public address or no signing secret. */
export function mediaUrlMaker(
  config: { publicBaseUrl: string | null; mediaUrlSecret: string | null },
  clock: Clock,
): ((id: string) => string | null) | undefined {
  const { publicBaseUrl: base, mediaUrlSecret: secret } = config;
  if (!base || !secret) return undefined;
  return (id) => signedMediaUrl(base, secret, id, clock.now().getTime());
}
