import { useApiOnLedgerRoster } from './api-fixtures';
import type { StatsReport } from '../../../src/services/stats.service';
import { FixedClock } from '../../../src/lib/clock';
import { actorOf, makeLedger, problemIn, type Roster, START } from '../ledger/ledger-fixtures';

let r: Roster;

const { get } = useApiOnLedgerRoster(
  '2026-11-25T02:00:00Z',
  async (ds, r) => {
    const clock = new FixedClock(new Date(START)); // Friday 2026-11-20 10:00
    const { ledger } = makeLedger(ds, clock);
    await problemIn(ledger, r, 'closed'); // accepted the same day, closed 满意
    const late = await problemIn(ledger, r, 'assigned');
    clock.set('2026-11-24T02:00:00Z'); // Tuesday: 2 working days after assignment
    await ledger.accept(late, actorOf(r.people.planner));
    await ledger.answer(late, '已办理', actorOf(r.people.planner));
    await ledger.rate(late, 'unsatisfied', '', actorOf(r.people.contactA));
  },
  (roster) => {
    r = roster;
  },
);

describe('GET /api/stats', () => {
  it('answers the 三率 and counts overall, per unit and per district', async () => {
    const res = await get('/api/stats?from=2026-11-01&to=2026-11-30');
    expect(res.status).toBe(200);
    const body = (await res.json()) as StatsReport;
    expect(body.from).toBe('2026-11-01');
    expect(body.to).toBe('2026-11-30');
    expect(body.overall.counts).toMatchObject({
      reported: 2,
      assigned: 2,
      respondedInTime: 1,
      redone: 1,
      due: 2,
      closed: 1,
      closedOnTime: 1,
      rated: 2,
      satisfied: 1,
    });
    expect(body.overall.rates).toEqual({
      response: 0.5,
      resolution: 0.5,
      satisfaction: 0.5,
      return: 0,
      redo: 0.5,
      onTime: 0.5,
    });
    expect(body.units).toEqual([
      {
        unit: { id: r.units.planning.id, name: '市规划局' },
        counts: body.overall.counts,
        rates: body.overall.rates,
      },
    ]);
    expect(body.districts.map((d: { district: { name: string } }) => d.district.name)).toEqual(['雁塔区']);
  });

  it('gives null rates for an empty window and refuses a reversed one', async () => {
    const empty = (await (await get('/api/stats?from=2026-01-01&to=2026-01-31')).json()) as StatsReport;
    expect(empty.overall.rates.response).toBeNull();
    expect(empty.units).toEqual([]);
    expect((await get('/api/stats?from=2026-11-30&to=2026-11-01')).status).toBe(400);
    expect((await get('/api/stats?from=2026-11-31')).status).toBe(400);
  });
});
