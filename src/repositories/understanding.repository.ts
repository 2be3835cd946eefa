import type { DataSource } from 'typeorm';
import type { RosterFirm } from '../commands/understand/roster-index';
import type { CategoryOption } from '../services/category-inference';

/**
 * What the understanding pipeline reads from the roster: firms with their contacts' names (a candidate
 * source beside the enterprise lookup, which stays the one that resolves typed names), the sender's own
 * firms, unit names and the catalogue.
 */
export class UnderstandingRepository {
  constructor(private readonly ds: DataSource) {}

  /** Every active firm with the names of its active enterprise contacts. */
  async firms(): Promise<RosterFirm[]> {
    const rows: { id: string; name: string; short_name: string | null; contacts: string[] | null }[] =
      await this.ds.query(
        `SELECT e.id, e.name, e.short_name,
                array_remove(array_agg(p.name ORDER BY p.name), NULL) AS contacts
         FROM enterprise e
         LEFT JOIN person p ON p.enterprise_id = e.id AND p.active AND 'contact' = ANY(p.roles)
         WHERE e.active GROUP BY e.id`,
      );
    return rows.map((r) => ({ id: r.id, name: r.name, shortName: r.short_name, contacts: r.contacts ?? [] }));
  }

  /** The firms a person is paired with now, or speaks for as a contact. */
  async ownFirmIds(personId: string): Promise<string[]> {
    const rows: { id: string }[] = await this.ds.query(
      `SELECT enterprise_id AS id FROM pairing WHERE cadre_id = $1 AND ended_at IS NULL
       UNION SELECT enterprise_id FROM person WHERE id = $1 AND enterprise_id IS NOT NULL`,
      [personId],
    );
    return rows.map((r) => r.id);
  }

  async unitNames(): Promise<string[]> {
    const rows: { name: string }[] = await this.ds.query(`SELECT name FROM org_unit ORDER BY name`);
    return rows.map((r) => r.name);
  }

  async categories(): Promise<CategoryOption[]> {
    const rows: { id: string; name: string; keywords: string[] }[] = await this.ds.query(
      `SELECT id, name, keywords FROM category WHERE active ORDER BY name`,
    );
    return rows;
  }
}
