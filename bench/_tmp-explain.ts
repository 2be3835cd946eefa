import { performance } from 'node:perf_hooks';
import { withThrowawayDatabase } from './bench-kit';
import { generateFixed, generateSlice } from './supervision.bench';
import { pairRowsQuery } from '../src/services/compliance.service';
import { reminderScan } from '../src/jobs/handlers/contact-reminders.job';
const AT = new Date('2026-11-25T01:00:00Z');
void withThrowawayDatabase('explain', async (ds) => {
  await generateFixed(ds);
  await generateSlice(ds, 0, 1);
  const t = async (label: string, f: () => Promise<unknown>) => { const xs = []; for (let i = 0; i < 3; i++) { const t0 = performance.now(); await f(); xs.push(performance.now() - t0); } console.log(label, xs.map((x) => x.toFixed(0)).join(' ')); };
  const q = pairRowsQuery('2026-11', { openAt: AT, notOnLeaveOn: '2026-11-25' });
  await t('pairs only', () => ds.query(q.sql, q.params));
  await t('scan', () => reminderScan(ds, AT, 'late'));
  const plan = await ds.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
  console.log(plan.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
});
