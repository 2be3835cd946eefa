import type { DataSource } from 'typeorm';
import { GroupChat, Person, Rating, Visit } from '../../../src/entities';
import { monthLine, myEnterprisesReply } from '../../../src/commands/visits/visit-replies';
import { FixedClock } from '../../../src/lib/clock';
import { UserError } from '../../../src/lib/errors';
import {
  CadreRatingService,
  GroupBindingService,
  MyEnterprisesService,
  type RegisterVisitInput,
  VisitConfirmationService,
  VisitService,
} from '../../../src/services/visits';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { actorOf, firmBy, MOBILES, personBy, seedRoster } from './visit-fixtures';

let ds: DataSource;
let clock: FixedClock;
let visits: VisitService;
let confirmations: VisitConfirmationService;
let mine: MyEnterprisesService;
let ratings: CadreRatingService;
let groups: GroupBindingService;
let tian: Person;
let yu: Person;
let admin: Person;
let contact: Person;
let qinchuang: string;
let wannian: string;
let zhuque: string;

/** Monday 2026-11-23, 07:00 in Beijing (still Sunday 23:00 in UTC). */
const NOW = '2026-11-22T23:00:00Z';

beforeAll(async () => {
  ds = await testDataSource();
});
beforeEach(async () => {
  await truncateAll(ds);
  await seedRoster(ds);
  clock = new FixedClock(new Date(NOW));
  visits = new VisitService(ds, clock);
  confirmations = new VisitConfirmationService(ds, clock);
  mine = new MyEnterprisesService(ds);
  ratings = new CadreRatingService(ds);
  groups = new GroupBindingService(ds);
  [tian, yu, admin, contact] = await Promise.all(
    [MOBILES.tian, MOBILES.yu, MOBILES.admin, MOBILES.contactQinchuang].map((m) => personBy(ds, m)),
  );
  [qinchuang, wannian, zhuque] = (
    await Promise.all(['秦创智能', '万年光伏', '朱雀金融'].map((s) => firmBy(ds, s)))
  ).map((e) => e.id);
});
afterAll(closeTestDataSource);

const input = (over: Partial<RegisterVisitInput> = {}): RegisterVisitInput => ({
  cadreId: tian.id,
  enterpriseId: qinchuang,
  visitedOn: '2026-11-20',
  method: 'onsite',
  summary: '了解用工情况',
  sourceKey: null,
  ...over,
});

const refusal = async (p: Promise<unknown>): Promise<string> => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return (err as UserError).userMessage ?? '';
};

describe('registerVisit', () => {
  it('stores the visit with the open pair and counts the month', async () => {
    const r = await visits.registerVisit(input({ sourceKey: 'wecom:1' }), actorOf(tian));
    expect(r).toMatchObject({ replayed: false, paired: true, heldByOtherThen: false, monthContacts: 1 });
    expect(r.visit).toMatchObject({
      visitedOn: '2026-11-20',
      method: 'onsite',
      summary: '了解用工情况',
      enterpriseName: '西安秦创智能装备有限公司',
      cadreName: '田振华',
    });
    const row = await ds.getRepository(Visit).findOneByOrFail({ id: r.visit.id });
    expect(row.pairingId).not.toBeNull();
    expect(row.sourceKey).toBe('wecom:1');
  });

  it('counts distinct days, not rows (一月两见)', async () => {
    await visits.registerVisit(input({ visitedOn: '2026-11-03', sourceKey: 'a' }), actorOf(tian));
    const sameDay = await visits.registerVisit(
      input({ visitedOn: '2026-11-03', method: 'phone', sourceKey: 'b' }),
      actorOf(tian),
    );
    expect(sameDay).toMatchObject({ monthContacts: 1, sameDayBefore: true });
    const second = await visits.registerVisit(
      input({ visitedOn: '2026-11-10', sourceKey: 'c' }),
      actorOf(tian),
    );
    expect(second).toMatchObject({ monthContacts: 2, sameDayBefore: false });
    // Another firm of the same cadre is another pair.
    const other = await visits.registerVisit(input({ enterpriseId: wannian, sourceKey: 'd' }), actorOf(tian));
    expect(other.monthContacts).toBe(1);
  });

  it('registers a repeated source key once and returns the first visit', async () => {
    const first = await visits.registerVisit(input({ sourceKey: 'wecom:dup' }), actorOf(tian));
    const again = await visits.registerVisit(
      input({ sourceKey: 'wecom:dup', summary: '改过的内容' }),
      actorOf(tian),
    );
    expect(again.replayed).toBe(true);
    expect(again.visit.id).toBe(first.visit.id);
    expect(again.visit.summary).toBe('了解用工情况');
    expect(await ds.getRepository(Visit).countBy({ sourceKey: 'wecom:dup' })).toBe(1);
  });

  it('four concurrent deliveries of one message store one visit', async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => visits.registerVisit(input({ sourceKey: 'wecom:race' }), actorOf(tian))),
    );
    expect(new Set(results.map((r) => r.visit.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await ds.getRepository(Visit).count()).toBe(1);
  });

  it('takes today in Beijing (UTC is still yesterday) and refuses tomorrow', async () => {
    const today = await visits.registerVisit(input({ visitedOn: '2026-11-23' }), actorOf(tian));
    expect(today.visit.visitedOn).toBe('2026-11-23');
    const msg = await refusal(visits.registerVisit(input({ visitedOn: '2026-11-24' }), actorOf(tian)));
    expect(msg).toContain('不能晚于今天');
  });

  it('counts each Beijing month on its own across the month boundary', async () => {
    clock.set('2026-11-30T16:30:00Z'); // 2026-12-01 00:30 in Beijing
    const nov = await visits.registerVisit(
      input({ visitedOn: '2026-11-30', sourceKey: 'n1' }),
      actorOf(tian),
    );
    await visits.registerVisit(input({ visitedOn: '2026-11-02', sourceKey: 'n2' }), actorOf(tian));
    const dec = await visits.registerVisit(
      input({ visitedOn: '2026-12-01', sourceKey: 'd1' }),
      actorOf(tian),
    );
    expect(nov.monthContacts).toBe(1);
    expect(dec.monthContacts).toBe(1);
    const pairs = await mine.list(tian.id, '2026-12-01');
    expect(pairs.find((p) => p.enterpriseId === qinchuang)?.contacts).toBe(1);
    const novPairs = await mine.list(tian.id, '2026-11-30');
    expect(novPairs.find((p) => p.enterpriseId === qinchuang)?.contacts).toBe(2);
  });

  it('counts a key firm against its own target (每月走访次数 3): short at 2, in the result and 我的企业', async () => {
    await ds.query(`UPDATE enterprise SET contact_target = 3 WHERE id = $1`, [qinchuang]);
    await visits.registerVisit(input({ visitedOn: '2026-11-03', sourceKey: 'k1' }), actorOf(tian));
    const second = await visits.registerVisit(
      input({ visitedOn: '2026-11-20', sourceKey: 'k2' }),
      actorOf(tian),
    );
    expect(second).toMatchObject({ monthContacts: 2, monthTarget: 3 });
    expect(monthLine(second, '2026-11-23')).toBe('本月第2次，还需再联系1次才达到一月三见。');
    const pairs = await mine.list(tian.id, '2026-11-23');
    expect(pairs.find((p) => p.enterpriseId === qinchuang)).toMatchObject({ contacts: 2, target: 3 });
    expect(pairs.find((p) => p.enterpriseId === wannian)).toMatchObject({ contacts: 0, target: 2 });
    const reply = myEnterprisesReply(pairs, '2026-11-23');
    expect(reply).toContain('秦创智能 ⏳本月联系2/3');
    expect(reply).toContain('本月还有2家未达到每月走访目标。');
    const third = await visits.registerVisit(
      input({ visitedOn: '2026-11-23', sourceKey: 'k3' }),
      actorOf(tian),
    );
    expect(monthLine(third, '2026-11-23')).toBe('本月第3次，一月三见已达标。');
  });

  it('accepts a firm the cadre is not paired with, without a pairing', async () => {
    const r = await visits.registerVisit(input({ enterpriseId: zhuque }), actorOf(tian));
    expect(r.paired).toBe(false);
    expect(r.visit.pairingId).toBeNull();
  });

  it('notes a visit dated when another cadre held the firm, not one before the roster began', async () => {
    const early = await visits.registerVisit(input({ visitedOn: '2026-09-28' }), actorOf(tian));
    expect(early).toMatchObject({ paired: true, heldByOtherThen: false });

    // 于浩然 held 秦创智能 until 2026-10-31 (Beijing); 田振华's pair began after.
    await ds.query(
      `INSERT INTO pairing (cadre_id, enterprise_id, started_at, ended_at, end_reason)
       VALUES ($1, $2, '2026-09-01T00:00:00+08:00', '2026-11-01T00:00:00+08:00', 'reassigned')`,
      [yu.id, qinchuang],
    );
    const inHisTime = await visits.registerVisit(
      input({ visitedOn: '2026-10-31', sourceKey: 'k-held-1' }),
      actorOf(tian),
    );
    expect(inHisTime).toMatchObject({ paired: true, heldByOtherThen: true });
    const afterHandover = await visits.registerVisit(
      input({ visitedOn: '2026-11-01', sourceKey: 'k-held-2' }),
      actorOf(tian),
    );
    expect(afterHandover).toMatchObject({ paired: true, heldByOtherThen: false });
  });

  it('lets only cadres (and admins) register, each for themselves', async () => {
    expect(await refusal(visits.registerVisit(input({ cadreId: contact.id }), actorOf(contact)))).toContain(
      '只有包联干部',
    );
    expect(await refusal(visits.registerVisit(input({ cadreId: yu.id }), actorOf(tian)))).toContain('本人');
    const byAdmin = await visits.registerVisit(
      input({ cadreId: yu.id, enterpriseId: zhuque }),
      actorOf(admin),
    );
    expect(byAdmin).toMatchObject({ paired: true, visit: { cadreName: '于浩然' } });
    // An admin cannot register a visit for someone who is not a cadre.
    expect(await refusal(visits.registerVisit(input({ cadreId: contact.id }), actorOf(admin)))).toContain(
      '不是在册的包联干部',
    );
  });
});

describe('confirmVisit', () => {
  it('the firm’s contact confirms once; a second confirmation changes nothing', async () => {
    const { visit } = await visits.registerVisit(input(), actorOf(tian));
    const first = await confirmations.confirmVisit(visit.id, actorOf(contact));
    expect(first.already).toBe(false);
    clock.advance(60_000);
    const again = await confirmations.confirmVisit(visit.id, actorOf(contact));
    expect(again.already).toBe(true);
    const row = await ds.getRepository(Visit).findOneByOrFail({ id: visit.id });
    expect(row.confirmedById).toBe(contact.id);
    expect(row.confirmedAt?.toISOString()).toBe(new Date(NOW).toISOString());
  });

  it('without an id confirms the latest unconfirmed visit to the contact’s firm', async () => {
    await visits.registerVisit(input({ visitedOn: '2026-11-02', sourceKey: 'old' }), actorOf(tian));
    const latest = await visits.registerVisit(
      input({ visitedOn: '2026-11-20', sourceKey: 'new' }),
      actorOf(tian),
    );
    expect((await confirmations.confirmVisit(null, actorOf(contact))).visit.id).toBe(latest.visit.id);
  });

  it('refuses a contact of another firm, a cadre and an unknown id', async () => {
    const { visit } = await visits.registerVisit(input(), actorOf(tian));
    const other = await personBy(ds, MOBILES.contactChangan);
    expect(await refusal(confirmations.confirmVisit(visit.id, actorOf(other)))).toContain('被走访企业');
    expect(await refusal(confirmations.confirmVisit(visit.id, actorOf(tian)))).toContain('联系人');
    expect(await refusal(confirmations.confirmVisit('not-an-id', actorOf(contact)))).toContain('找不到');
  });
});

describe('myEnterprises', () => {
  it('lists the open pairs with distinct contact days and open problems, least contacted first', async () => {
    await visits.registerVisit(input({ visitedOn: '2026-11-03', sourceKey: 'a' }), actorOf(tian));
    await visits.registerVisit(input({ visitedOn: '2026-11-03', sourceKey: 'b' }), actorOf(tian));
    await visits.registerVisit(input({ visitedOn: '2026-11-20', sourceKey: 'c' }), actorOf(tian));
    await visits.registerVisit(input({ visitedOn: '2026-10-20', sourceKey: 'old' }), actorOf(tian));
    await ds.query(
      `INSERT INTO problem (code, enterprise_id, reporter_id, description, status)
       VALUES ('W20261120-0001', $1, $2, '用地', 'pending'), ('W20261120-0002', $1, $2, '融资', 'closed')`,
      [qinchuang, contact.id],
    );
    const pairs = await mine.list(tian.id, '2026-11-23');
    expect(pairs.map((p) => [p.shortName, p.contacts, p.openProblems, p.lastVisitOn])).toEqual([
      ['万年光伏', 0, 0, null],
      ['秦创智能', 2, 1, '2026-11-20'],
    ]);
  });
});

describe('rateCadre', () => {
  it('one rating per firm, cadre and month: a second one updates the score and keeps both comments', async () => {
    const first = await ratings.rateCadre(actorOf(contact), 4, '还行', '2026-11');
    expect(first).toMatchObject({ cadre: { name: '田振华' }, score: 4, updated: false });
    const second = await ratings.rateCadre(actorOf(contact), 5, '很周到', '2026-11');
    expect(second.updated).toBe(true);
    await ratings.rateCadre(actorOf(contact), 3, null, '2026-12');
    const rows = await ds.getRepository(Rating).find({ order: { period: 'ASC' } });
    expect(rows.map((r) => [r.subject, r.cadreId, r.period, r.score, r.comment])).toEqual([
      ['cadre', tian.id, '2026-11', 5, '还行\n很周到'],
      ['cadre', tian.id, '2026-12', 3, ''],
    ]);
  });

  it('only an enterprise contact rates', async () => {
    expect(await refusal(ratings.rateCadre(actorOf(tian), 5, null, '2026-11'))).toContain('企业联系人');
  });
});

describe('bindGroup', () => {
  const chat = { platform: 'wecom' as const, chatId: 'wr-new-group' };

  it('binds a chat as the firm’s 企业群 for its paired cadre, once', async () => {
    const r = await groups.bindGroup(actorOf(tian), chat, qinchuang);
    expect(r).toMatchObject({ unchanged: false, hasRobot: false, enterprise: { id: qinchuang } });
    expect((await groups.bindGroup(actorOf(tian), chat, qinchuang)).unchanged).toBe(true);
    const rows = await ds.getRepository(GroupChat).findBy({ chatId: chat.chatId });
    expect(rows.map((g) => [g.purpose, g.enterpriseId])).toEqual([['enterprise', qinchuang]]);
  });

  it('refuses another cadre, and re-binding another firm’s group except by an admin', async () => {
    expect(await refusal(groups.bindGroup(actorOf(yu), chat, qinchuang))).toContain('不是');
    expect(await refusal(groups.bindGroup(actorOf(contact), chat, qinchuang))).toContain('包联干部');
    await groups.bindGroup(actorOf(tian), chat, qinchuang);
    expect(await refusal(groups.bindGroup(actorOf(yu), chat, zhuque))).toContain('已绑定企业');
    const byAdmin = await groups.bindGroup(actorOf(admin), chat, zhuque);
    expect(byAdmin.enterprise.id).toBe(zhuque);
  });

  it('keeps the robot of a group the roster already bound', async () => {
    const r = await groups.bindGroup(
      actorOf(tian),
      { platform: 'wecom', chatId: 'wrdemo-ent-01' },
      qinchuang,
    );
    expect(r).toMatchObject({ unchanged: true, hasRobot: true });
  });
});
