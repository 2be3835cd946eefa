import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/**
 * Validates parsed JSON against a settings schema; on failure `fail` gets one message listing every bad
 * field with its path (`source 有误：` then `- path：message` lines).
 */
export function parseSettings<T>(
  schema: z.ZodType<T>,
  json: unknown,
  source: string,
  fail: (message: string) => Error,
): T {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `- ${i.path.join('.') || '（根）'}：${i.message}`);
  throw fail(`${source} 有误：\n${lines.join('\n')}`);
}

/** Reads a JSON settings file; a file that cannot be read, or is not JSON, fails with the caller's words. */
export function readSettingsJson(
  file: string,
  words: { unreadable: (err: Error) => string; notJson: (err: Error) => string },
  fail: (message: string) => Error,
): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw fail(words.unreadable(err as Error));
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw fail(words.notJson(err as Error));
  }
}
