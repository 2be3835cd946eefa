import type { DataSource } from 'typeorm';

/**
 * The names the examples in 帮助, hints and error texts use: taken from the roster the service runs
 * with (`refreshRosterExamples`), so a newcomer can copy an example and have it work. Example texts
 * hold `{firm}`, `{unit}`, `{unit2}` and `{district}`, filled by `fillExamples`.
 */
export interface RosterExamples {
  /** An enterprise's short name (or full name when it has none). */
  firm: string;
  /** Two handling units. */
  unit: string;
  unit2: string;
  district: string;
}

/** When the roster is empty: words that read as placeholders, not as a firm that does not exist. */
export const NEUTRAL_EXAMPLES: RosterExamples = {
  firm: '某某公司',
  unit: '某某局',
  unit2: '某某委',
  district: '某某区',
};

let current: RosterExamples = NEUTRAL_EXAMPLES;

/** The names examples use now. */
export function rosterExamples(): RosterExamples {
  return current;
}

/** Sets the names examples use (tests; the bot sets them from the DB before each message). */
export function setRosterExamples(examples: Partial<RosterExamples> | null): void {
  current = { ...NEUTRAL_EXAMPLES, ...(examples ?? {}) };
}

/** An example text with the roster's names in place of `{firm}` and the others. */
export function fillExamples(template: string, examples: RosterExamples = current): string {
  return template.replace(/\{(firm|unit2|unit|district)\}/g, (_, k: keyof RosterExamples) => examples[k]);
}

/**
 * Reads the example names from the roster: the first active firm (a company before a project
 * unit), the first two handling units and the first district, in the order they were imported.
 */
export async function refreshRosterExamples(ds: DataSource): Promise<RosterExamples> {
  const [row] = await ds.query<
    { firm: string | null; unit: string | null; unit2: string | null; district: string | null }[]
  >(
    `SELECT
       (SELECT coalesce(short_name, name) FROM enterprise WHERE active
         ORDER BY (kind = 'enterprise') DESC, created_at, coalesce(short_name, name) LIMIT 1) AS firm,
       (SELECT name FROM org_unit WHERE kind = 'handling' ORDER BY created_at, name LIMIT 1) AS unit,
       (SELECT name FROM org_unit WHERE kind = 'handling' ORDER BY created_at, name OFFSET 1 LIMIT 1) AS unit2,
       (SELECT name FROM org_unit WHERE kind IN ('district', 'zone') ORDER BY created_at, name LIMIT 1) AS district`,
  );
  const found: Partial<RosterExamples> = {};
  for (const k of ['firm', 'unit', 'unit2', 'district'] as const) if (row?.[k]) found[k] = row[k];
  setRosterExamples(found);
  return current;
}

/** A record of example texts read through `fillExamples` on every access. */
export function filledRecord<K extends string>(templates: Record<K, string>): Record<K, string> {
  return new Proxy(templates, {
    get: (target, key) => {
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'string' ? fillExamples(value) : value;
    },
  });
}
