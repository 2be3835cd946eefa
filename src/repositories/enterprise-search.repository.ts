import type { DataSource, EntityManager } from 'typeorm';
import type { EnterpriseCandidate } from '../commands/parser';
import {
  enterpriseSearchColumns,
  nameKey,
  querySearchText,
  substringsOf,
} from '../commands/parser/enterprise-search';

/**
 * Fuzzy candidates scored in JS per lookup: enough for five choices after any re-ranking, few enough to be
 * cheap. They come from `enterprise_fuzzy_ids` (see its migration), with `word_similarity` ≥ 0.45 of the
 * typed text's pairs to a firm's (one typo or one skipped word in four still passes).
 */
const FUZZY_LIMIT = 40;
/**
 * Rows passing the threshold that are ranked: bounds the work when what was typed is common (智能); the
 * matcher then offers choices anyway.
 */
const FUZZY_SCAN = 100;
/** Typed text longer than this is cut before taking substrings (a firm name is at most 200 characters). */
const MAX_QUERY_CHARS = 60;
/** Rows whose search columns are filled per statement. */
const FILL_BATCH = 2_000;

type Queryable = DataSource | EntityManager;

/**
 * The firm lookup's SQL: a small candidate set for what a person typed, and the stored search columns that
 * make it index-only (btree on the name keys and credit code, pg_trgm GIN on the search text).
 */
export class EnterpriseSearchRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * The firms worth scoring for `query`: the person's own firms, exact names, short names and credit codes,
   * registered names contained in the typed text, and — unless an active firm's name, short name or credit
   * code is exactly what was typed (then the matcher keeps only exact matches, so near names change
   * nothing) — the closest few by pair similarity (substrings, typos, homophones, abbreviations). Each part
   * is an index lookup; the exact case skips the trigram index, whose posting lists grow with the roster.
   */
  async candidates(query: string, personId: string | null): Promise<EnterpriseCandidate[]> {
    const key = [...nameKey(query)].slice(0, MAX_QUERY_CHARS).join('');
    if (key.length < 2) return [];
    const text = querySearchText(key);
    // A name typed in full (not cut) that some firm has exactly needs no fuzzy candidates: the matcher
    // then keeps only the exact matches.
    const wholeKey = key === nameKey(query) ? key : null;
    let rows = await this.query(key, text, personId, wholeKey);
    if (rows[0]?.pending === true) {
      await fillSearchColumns(this.ds);
      rows = await this.query(key, text, personId, wholeKey);
    }
    let found = rows.filter((r) => r.id !== null).map(toCandidate);
    // The stored keys said exact but no firm's current name is (a rename the keys missed): ask in full.
    if (wholeKey !== null && rows[0]?.exact === true && !found.some((c) => isExact(c, wholeKey))) {
      found = (await this.query(key, text, personId, null)).filter((r) => r.id !== null).map(toCandidate);
    }
    return found;
  }

  /**
   * One round trip: the candidates, plus whether any firm still lacks its search columns (then the caller
   * fills them and asks again) and whether the fuzzy branch was skipped because an active firm's name,
   * short name or credit code is `wholeKey` exactly. The probe is ordered by id so it runs as an index
   * scan of the partial index, which marks the entries of rows filled since as dead: it stays cheap after
   * an import without waiting for VACUUM. The firms are fetched by `= ANY (ARRAY (…))`, primary-key probes
   * at any roster size: as a join the planner hashed a sequential scan of every firm below ≈ 10,000 firms
   * (1.7 ms at 5,000, more than the rest of the statement). A row with a null id only carries the flags.
   */
  private query(
    key: string,
    text: string,
    personId: string | null,
    wholeKey: string | null,
  ): Promise<Record<string, unknown>[]> {
    return this.ds.query(
      `WITH own AS (
         SELECT enterprise_id AS id FROM pairing WHERE cadre_id = $1 AND ended_at IS NULL
         UNION SELECT enterprise_id FROM person WHERE id = $1 AND enterprise_id IS NOT NULL
       ), exact AS (
         SELECT $5::varchar IS NOT NULL AND EXISTS (
                  SELECT 1 FROM enterprise
                  WHERE active AND (name_key = $5 OR short_key = $5 OR credit_code = $3::bpchar)) AS exact
       ), hit AS (
         SELECT id FROM own
         UNION SELECT id FROM enterprise WHERE name_key = ANY($2) OR short_key = ANY($2) OR credit_code = $3::bpchar
         UNION SELECT enterprise_fuzzy_ids($4, ${FUZZY_SCAN}, ${FUZZY_LIMIT}) WHERE NOT (SELECT exact FROM exact)
       ), found AS (
         SELECT e.id, e.name, e.short_name, e.credit_code, e.name_syllables, e.short_syllables,
                e.id IN (SELECT id FROM own) AS own
         FROM enterprise e WHERE e.id = ANY (ARRAY (SELECT id FROM hit)) AND e.active
       )
       SELECT p.pending, (SELECT exact FROM exact) AS exact, found.* FROM
         (SELECT EXISTS (SELECT 1 FROM (SELECT id FROM enterprise WHERE search_text IS NULL ORDER BY id LIMIT 1) x)
            AS pending) p
         LEFT JOIN found ON true`,
      [personId, substringsOf(key), key.length === 18 ? key : null, text, wholeKey],
    );
  }
}

/** Whether the matcher will call `c` an exact match for `key` (its name, short name or credit code). */
function isExact(c: EnterpriseCandidate, key: string): boolean {
  return (
    nameKey(c.name) === key ||
    (c.shortName !== null && nameKey(c.shortName) === key) ||
    nameKey(c.creditCode) === key
  );
}

function toCandidate(r: Record<string, unknown>): EnterpriseCandidate {
  return {
    id: r.id as string,
    name: r.name as string,
    shortName: (r.short_name as string | null) ?? null,
    creditCode: r.credit_code as string,
    own: r.own as boolean,
    syllables: {
      name: (r.name_syllables as string).split(' '),
      shortName: r.short_syllables === null ? null : (r.short_syllables as string).split(' '),
    },
  };
}

/**
 * Computes the search columns of every firm that lacks them (new, renamed, or stored by a path other than
 * the import), in batches. Cheap when nothing is pending: one probe of a partial index.
 */
export async function fillSearchColumns(db: Queryable): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows: { id: string; name: string; short_name: string | null }[] = await db.query(
      `SELECT id, name, short_name FROM enterprise WHERE search_text IS NULL LIMIT ${FILL_BATCH}`,
    );
    if (rows.length === 0) return filled;
    const cols = rows.map((r) => enterpriseSearchColumns(r.name, r.short_name));
    await db.query(
      `UPDATE enterprise e SET name_key = v.nk, short_key = v.sk, name_syllables = v.ns,
              short_syllables = v.ss, search_text = v.st
       FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::text[], $5::text[], $6::text[])
         AS v(id, nk, sk, ns, ss, st)
       WHERE e.id = v.id`,
      [
        rows.map((r) => r.id),
        cols.map((c) => c.nameKey),
        cols.map((c) => c.shortKey),
        cols.map((c) => c.nameSyllables),
        cols.map((c) => c.shortSyllables),
        cols.map((c) => c.searchText),
      ],
    );
    filled += rows.length;
  }
}
