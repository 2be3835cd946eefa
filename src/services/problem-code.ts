import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../lib/time';

const CODE_RE = /^W(\d{8})-(\d{4,})$/i;

/** True when the text is a problem code exactly as written (either case, no spaces around). */
export const isProblemCode = (text: string): boolean => CODE_RE.test(text);

/** "W20261123-0007": the day's prefix and a sequence of at least four digits. */
export function formatProblemCode(day: IsoDate, seq: number): string {
  return `W${day.replace(/-/g, '')}-${String(seq).padStart(4, '0')}`;
}

/** Reads a code back; null when it is not one. Accepts lower case and surrounding spaces. */
export function parseProblemCode(raw: string): { day: IsoDate; seq: number } | null {
  const m = CODE_RE.exec(raw.trim().toUpperCase());
  if (!m) return null;
  const d = m[1];
  return { day: `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6)}`, seq: Number(m[2]) };
}

/**
 * The next free code for a Beijing day. Must run inside the transaction that inserts the problem:
 * a transaction-scoped advisory lock per day serializes concurrent reports until commit.
 */
export async function nextProblemCode(em: EntityManager, day: IsoDate): Promise<string> {
  const prefix = formatProblemCode(day, 0).slice(0, 9);
  await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`problem_code:${prefix}`]);
  const rows: { seq: number | null }[] = await em.query(
    `SELECT max(substring(code FROM 11)::int) AS seq FROM problem WHERE code LIKE $1`,
    [`${prefix}-%`],
  );
  return formatProblemCode(day, (rows[0]?.seq ?? 0) + 1);
}
