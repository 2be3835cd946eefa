import type { DataSource } from 'typeorm';
import { type EnterpriseCandidate, matchEnterprises } from '../commands/parser';
import { refreshRosterExamples } from '../commands/parser/examples';
import { EnterpriseSearchRepository } from '../repositories/enterprise-search.repository';

/** A firm offered or picked; `own` means paired with (or employing) the sender. */
export interface FirmRef {
  id: string;
  name: string;
  own: boolean;
}

/** What a typed firm name came to: one firm, numbered choices, or nothing. */
export type LookupResult =
  | { kind: 'found'; enterprise: FirmRef }
  | { kind: 'choices'; choices: FirmRef[] }
  | { kind: 'none'; message: string };

/** At most this many numbered choices: a phone screen, not a catalogue. */
export const MAX_CHOICES = 5;
/** Matches within this much of the best one are as likely, so the sender chooses. */
const CLOSE_SCORE = 0.1;
/** A typo or homophone match scoring below this is only suggested ("您是指…吗？"). */
const SURE_FUZZY_SCORE = 0.6;

/**
 * Resolves what a person typed as a firm (full name, short name, credit code, fragment, typo) with the
 * parser's matcher over a small candidate set from the database, the person's own firms first.
 */
export class EnterpriseLookupService {
  private readonly search: EnterpriseSearchRepository;

  constructor(private readonly ds: DataSource) {
    this.search = new EnterpriseSearchRepository(ds);
  }

  /**
   * The firms worth scoring for what was typed (never every firm), marked `own` when the person is their
   * paired cadre or their contact.
   */
  candidates(query: string, personId: string | null): Promise<EnterpriseCandidate[]> {
    return this.search.candidates(query, personId);
  }

  /** The firms a cadre is paired with now, by name. */
  async ownFirms(personId: string): Promise<FirmRef[]> {
    const rows: { id: string; name: string }[] = await this.ds.query(
      `SELECT e.id, e.name FROM pairing p JOIN enterprise e ON e.id = p.enterprise_id
       WHERE p.cadre_id = $1 AND p.ended_at IS NULL AND e.active ORDER BY e.name`,
      [personId],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, own: true }));
  }

  /**
   * One clear match → it; several close ones (or one far-fetched guess) → up to five choices, own first;
   * none → a Chinese message saying what to send.
   */
  async lookup(query: string, personId: string | null): Promise<LookupResult> {
    const matches = matchEnterprises(query, await this.candidates(query, personId));
    if (matches.length === 0) {
      const { firm } = await refreshRosterExamples(this.ds);
      return {
        kind: 'none',
        message: `没有找到“${query}”。请发送企业全称、简称或统一社会信用代码，例：${firm}。`,
      };
    }
    const exact = matches.filter((m) => m.how === 'exact');
    const close = exact.length > 0 ? exact : matches.filter((m) => m.score >= matches[0].score - CLOSE_SCORE);
    const refs = close.map((m) => ({ id: m.candidate.id, name: m.candidate.name, own: m.candidate.own }));
    // A lone far-fetched guess is offered as a suggestion to confirm, not taken.
    const weak = close.length === 1 && close[0].score < SURE_FUZZY_SCORE;
    if (refs.length === 1 && !weak) return { kind: 'found', enterprise: refs[0] };
    // The sort is stable, so within own / not own the matcher's ranking stays.
    refs.sort((a, b) => Number(b.own) - Number(a.own));
    return { kind: 'choices', choices: refs.slice(0, MAX_CHOICES) };
  }
}
