import { useApiOnLedgerRoster } from './api-fixtures';
import type { ComplianceReport } from '../../../src/services/compliance.service';
import { type Roster } from '../ledger/ledger-fixtures';
import { visit } from '../jobs/jobs-fixtures';

let r: Roster;

const { get, url } = useApiOnLedgerRoster(
  '2026-11-25T02:00:00Z',
  async (ds, r) => {
    await visit(ds, r.people.cadreA.id, r.ent.a.id, ['2026-11-01', '2026-11-30', '2026-11-30']);
    await visit(ds, r.people.cadreB.id, r.ent.b.id, ['2026-10-31', '2026-11-15', '2026-12-01']);
  },
  (roster) => {
    r = roster;
  },
);

describe('GET /api/compliance', () => {
  it('answers the contract shape: contacts on distinct Beijing days of the month', async () => {
    const res = await get('/api/compliance?month=2026-11');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ComplianceReport;
    expect(body).toEqual({
      month: '2026-11',
      pairs: expect.any(Array),
      summary: { pairs: 2, met: 1, rate: 0.5 },
    });
    const byFirm = Object.fromEntries(
      body.pairs.map((p: { enterprise: { name: string } }) => [p.enterprise.name, p]),
    );
    expect(byFirm[r.ent.a.name]).toEqual({
      cadre: { id: r.people.cadreA.id, name: '干部甲' },
      enterprise: { id: r.ent.a.id, name: r.ent.a.name },
      contacts: 2,
      met: true,
    });
    expect(byFirm[r.ent.b.name]).toMatchObject({ contacts: 1, met: false });
  });

  it('defaults to the current month and refuses a malformed one', async () => {
    expect(((await (await get('/api/compliance')).json()) as ComplianceReport).month).toBe('2026-11');
    const bad = await get('/api/compliance?month=2026-13');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('month');
    expect((await fetch(url('/api/compliance?month=2026-11'))).status).toBe(401);
  });
});
