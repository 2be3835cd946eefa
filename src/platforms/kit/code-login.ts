import type { ConsoleLoginKit } from '../adapter';
import type { TokenCache } from './token-cache';

/** The shape of a platform's one-use sign-in code (OAuth2 code, DingTalk authCode); anything else is refused unasked. */
export const ONE_USE_CODE = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * A console sign-in's one-use code → the member's user id, asked with the platform's access token; null
 * when the platform's settings are absent (its routes then answer `off`).
 */
export function codeLogin<S extends object>(
  settings: S | null,
  tokens: (settings: S, shared: Pick<ConsoleLoginKit, 'clock'> & { prefix: string }) => TokenCache,
  ask: (token: string, code: string) => Promise<string | null>,
  kit: ConsoleLoginKit,
): ((code: string) => Promise<string | null>) | null {
  if (!settings) return null;
  const cache = tokens(settings, { clock: kit.clock, prefix: kit.config.queuePrefix });
  return (code) => cache.withToken((token) => ask(token, code));
}
