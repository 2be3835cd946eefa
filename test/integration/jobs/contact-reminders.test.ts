import type { DataSource } from 'typeorm';
import { contactRemindersJob } from '../../../src/jobs/handlers/contact-reminders.job';
import { renderWecomApp, WECOM_APP_MARKDOWN_BYTES } from '../../../src/platforms/wecom/wecom.render';
import { utf8Bytes } from '../../../src/lib/utf8';
import { ComplianceService } from '../../../src/services/compliance.service';
import { bj, jobHarness, jobRoster, moreFirms, visit, useJobs } from './jobs-fixtures';

let ds: DataSource;
let h: Awaited<ReturnType<typeof jobHarness>>;
let r: Awaited<ReturnType<typeof jobRoster>>;

useJobs((f) => ({ ds, h, r } = f));

const run = (at: Date) => contactRemindersJob(h.deps)(at);
const toPerson = (personId: string) => (m: { key: string }) => m.key.endsWith(`-p${personId}`);

describe('contact-reminders', () => {
  it('nudges on the first working day on or after the 15th only pairs with no contact yet', async () => {
    // 2026-11-15 is a Sunday: the mid-month nudge moves to Monday the 16th.
    await visit(ds, r.people.cadreB.id, r.ent.b.id, ['2026-11-03']);
    expect(await run(bj('2026-11-15T09:00:00'))).toMatchObject({ sent: 0, note: 'not a reminder day' });
    const result = await run(bj('2026-11-16T09:00:00'));
    expect(result.period).toBe('2026-11-16');
    const msgs = await h.messages('contact-reminders-2026-11-16-cadre-%');
    expect(msgs.map((m) => m.key)).toEqual([`contact-reminders-2026-11-16-cadre-p${r.people.cadreA.id}`]);
    expect(msgs[0]).toMatchObject({ channel: 'wecom_app', target: r.people.cadreA.wecomUserId });
    expect(msgs[0].payload.markdown!.text).toContain('还没有联系记录');
    expect(msgs[0].payload.markdown!.text).toContain(r.ent.a.name);
    expect(await run(bj('2026-11-17T09:00:00'))).toMatchObject({ sent: 0, note: 'not a reminder day' });
  });

  it('from the 25th merges every short pair of a cadre into one message, and summarizes per district', async () => {
    const [c, d] = await moreFirms(ds, r, 2);
    await visit(ds, r.people.cadreA.id, r.ent.a.id, ['2026-11-02', '2026-11-20']); // met
    await visit(ds, r.people.cadreA.id, c.id, ['2026-11-05', '2026-11-05']); // one day only
    await visit(ds, r.people.cadreA.id, d.id, ['2026-10-31', '2026-12-01']); // outside November
    const result = await run(bj('2026-11-25T09:00:00'));
    const cadreMsgs = await h.messages('contact-reminders-2026-11-25-cadre-%');
    expect(cadreMsgs.map((m) => m.key).sort()).toEqual(
      [r.people.cadreA.id, r.people.cadreB.id]
        .map((id) => `contact-reminders-2026-11-25-cadre-p${id}`)
        .sort(),
    );
    const textA = cadreMsgs.find(toPerson(r.people.cadreA.id))!.payload.markdown!.text;
    expect(textA).toContain(`${c.name}：本月已联系 1 次`);
    expect(textA).toContain(`${d.name}：本月已联系 0 次`);
    expect(textA).not.toContain(r.ent.a.name);
    const yanta = await h.messages(`contact-reminders-2026-11-25-district-${r.units.yanta.id}-g%`);
    expect(yanta).toHaveLength(1);
    expect(yanta[0].payload.markdown!.text).toContain('包联 3 对，已达标 1 对（33%）');
    expect(yanta[0].payload.markdown!.text).toContain('干部甲：2 家');
    expect(result.sent).toBe(4); // two cadres, two district groups
  });

  it('holds a key firm to its own target: with 3 it is short at 2 contacts, in compliance and the reminder', async () => {
    const [key] = await moreFirms(ds, r, 1, () => '雁塔重点企业有限公司');
    await ds.query(`UPDATE enterprise SET contact_target = 3 WHERE id = $1`, [key.id]);
    await visit(ds, r.people.cadreA.id, r.ent.a.id, ['2026-11-02', '2026-11-20']); // 2 of 2: met
    await visit(ds, r.people.cadreA.id, key.id, ['2026-11-03', '2026-11-19']); // 2 of 3: short
    const pairs = await new ComplianceService(ds).pairs('2026-11');
    const keyPair = pairs.find((p) => p.enterprise.id === key.id)!;
    expect(keyPair).toMatchObject({ contacts: 2, target: 3, met: false });
    expect(pairs.find((p) => p.enterprise.id === r.ent.a.id)).toMatchObject({
      contacts: 2,
      target: 2,
      met: true,
    });
    expect(
      (await new ComplianceService(ds).report('2026-11')).pairs.find((p) => p.enterprise.id === key.id),
    ).toEqual({
      cadre: { id: r.people.cadreA.id, name: r.people.cadreA.name },
      enterprise: { id: key.id, name: key.name },
      contacts: 2,
      met: false,
    });
    await run(bj('2026-11-25T09:00:00'));
    const textA = (await h.messages('contact-reminders-2026-11-25-cadre-%')).find(
      toPerson(r.people.cadreA.id),
    )!.payload.markdown!.text;
    expect(textA).toContain(`${key.name}：本月已联系 2 次`);
    expect(textA).toContain('联系不足三次');
    expect(textA).not.toContain(r.ent.a.name);
    // A third contact day meets it: the firm is no longer listed.
    await visit(ds, r.people.cadreA.id, key.id, ['2026-11-24']);
    const again = await new ComplianceService(ds).pairs('2026-11');
    expect(again.find((p) => p.enterprise.id === key.id)).toMatchObject({ contacts: 3, met: true });
  });

  it('counts a contact at 23:59:59 on the last day of the month in Beijing (UTC is still 15:59) and runs on its date', async () => {
    await visit(ds, r.people.cadreA.id, r.ent.a.id, ['2026-11-01', '2026-11-30']);
    await visit(ds, r.people.cadreB.id, r.ent.b.id, ['2026-11-30', '2026-12-01']);
    const at = bj('2026-11-30T23:59:59');
    expect(at.toISOString()).toBe('2026-11-30T15:59:59.000Z');
    const result = await run(at);
    expect(result.period).toBe('2026-11-30');
    const keys = (await h.messages('contact-reminders-2026-11-30-cadre-%')).map((m) => m.key);
    expect(keys).toEqual([`contact-reminders-2026-11-30-cadre-p${r.people.cadreB.id}`]);
    // One second later it is December in Beijing (UTC still says 30 November): a new month, no reminder day.
    expect(await run(bj('2026-12-01T00:00:00'))).toMatchObject({ sent: 0, period: '2026-12-01' });
    const dec = await new ComplianceService(ds).pairs('2026-12');
    expect(dec.find((p) => p.cadre.id === r.people.cadreB.id)?.contacts).toBe(1);
  });

  it('follows the holiday calendar in February: no run on the Spring Festival 15th, mid on the 24th, late on the make-up Saturday', async () => {
    expect(await run(bj('2026-02-15T09:00:00'))).toMatchObject({ sent: 0 });
    expect(await run(bj('2026-02-16T09:00:00'))).toMatchObject({ sent: 0 });
    const mid = await run(bj('2026-02-24T09:00:00'));
    expect(mid.note).toMatch(/^mid/);
    expect(mid.sent).toBeGreaterThan(0);
    const sat = await run(bj('2026-02-28T09:00:00')); // 2026-02-28 is a make-up workday (Saturday)
    expect(sat.note).toMatch(/^late/);
    expect(sat.sent).toBeGreaterThan(0);
    expect(await run(bj('2026-03-01T09:00:00'))).toMatchObject({ sent: 0, note: 'not a reminder day' });
  });

  it('skips cadres on leave and follows a pair reassigned mid-month', async () => {
    await ds.query(`UPDATE person SET leave_from = '2026-11-20', leave_to = '2026-11-27' WHERE id = $1`, [
      r.people.cadreB.id,
    ]);
    // 甲 moves from cadre A to cadre B on the 10th; cadre A had contacted it once before.
    await visit(ds, r.people.cadreA.id, r.ent.a.id, ['2026-11-03']);
    await ds.query(`UPDATE pairing SET ended_at = $2, end_reason = 'reassigned' WHERE enterprise_id = $1`, [
      r.ent.a.id,
      bj('2026-11-10T12:00:00'),
    ]);
    await ds.query(`INSERT INTO pairing (cadre_id, enterprise_id, started_at) VALUES ($1, $2, $3)`, [
      r.people.cadreB.id,
      r.ent.a.id,
      bj('2026-11-10T12:00:00'),
    ]);
    await run(bj('2026-11-25T09:00:00'));
    expect(await h.messages('contact-reminders-2026-11-25-cadre-%')).toEqual([]); // A holds nothing, B is on leave
    await run(bj('2026-11-30T09:00:00'));
    const msgs = await h.messages('contact-reminders-2026-11-30-cadre-%');
    expect(msgs.map((m) => m.key)).toEqual([`contact-reminders-2026-11-30-cadre-p${r.people.cadreB.id}`]);
    expect(msgs[0].payload.markdown!.text).toContain(`${r.ent.a.name}：本月已联系 1 次`);
  });

  it('sends nothing new on a second run for the same day', async () => {
    const first = await run(bj('2026-11-25T09:00:00'));
    expect(first.sent).toBeGreaterThan(0);
    const again = await run(bj('2026-11-25T10:00:00'));
    expect(again).toMatchObject({ sent: 0, note: 'already ran for this period' });
    const [row] = await ds.query(`SELECT messages, finished_at FROM job_run WHERE job = 'contact-reminders'`);
    expect(row.messages).toBe(first.sent);
    expect(row.finished_at).not.toBeNull();
  });

  it('re-sends only what a worker killed mid-run left out', async () => {
    await moreFirms(ds, r, 1);
    h.sender.limit = 1;
    await expect(run(bj('2026-11-25T09:00:00'))).rejects.toThrow('worker killed');
    const [crashed] = await ds.query(`SELECT finished_at FROM job_run WHERE job = 'contact-reminders'`);
    expect(crashed.finished_at).toBeNull();
    expect(await h.messages()).toHaveLength(1);
    h.sender.limit = Infinity;
    const rerun = await run(bj('2026-11-25T09:00:00'));
    const all = await h.messages();
    expect(rerun.sent).toBe(all.length - 1);
    expect(new Set(all.map((m) => m.key)).size).toBe(all.length);
    expect(all).toHaveLength(4); // two cadres, two district groups: as a clean run
  });

  it('keeps a long merged list readable within the byte limits', async () => {
    const firms = await moreFirms(
      ds,
      r,
      60,
      (i) => `西安市雁塔区某某高新技术产业发展股份有限公司第${i}分公司`,
    );
    await run(bj('2026-11-25T09:00:00'));
    const [msg] = (await h.messages('contact-reminders-2026-11-25-cadre-%')).filter(
      toPerson(r.people.cadreA.id),
    );
    const parts = renderWecomApp(msg.payload, msg.key).map(
      (m) => (m as { markdown: { content: string } }).markdown.content,
    );
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(utf8Bytes(part)).toBeLessThanOrEqual(WECOM_APP_MARKDOWN_BYTES);
    for (const f of firms) expect(parts.filter((p) => p.includes(`${f.name}：`))).toHaveLength(1);
  });
});
