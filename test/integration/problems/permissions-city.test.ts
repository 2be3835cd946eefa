import type { DataSource } from 'typeorm';
import type { Bot } from '../../../src/bot/bot';
import { DialogueStore } from '../../../src/bot/dialogue.store';
import { usageFor } from '../../../src/commands/parser';
import { rosterExamples } from '../../../src/commands/parser/examples';
import type { CommandName } from '../../../src/commands/parser/types';
import { OrgUnit, Person } from '../../../src/entities';
import { directory } from '../../../src/repositories/directory.repository';
import type { Role } from '../../../src/entities/enums';
import { commandRefusal, COMMAND_RULES, mayUseCommand } from '../../../src/services/permissions';
import { botSays, inboundMessage } from '../../support/bot-chat';
import { useBotOnDemoRoster } from '../../support/demo-bot';
import { setAccount } from '../../support/accounts';

/**
 * Who may do what, through the bot, on the demo roster — shaped like a real city: a top-level
 * 亲商助企办 (市亲商助企办) whose leaders and admins have the whole city, 11 of 14 handling units
 * without a group chat, 54 of 60 firms without a contact, a district (雁塔区) with a sub-unit.
 */
let ds: DataSource;
let bot: Bot;
let dialogues: DialogueStore;
let seq = 0;

useBotOnDemoRoster({ env: { QUALITY_CHECK_RATE: '0' } }, (f) => {
  ({ ds, bot } = f);
  dialogues = new DialogueStore(f.h.container.redis, f.h.config.queuePrefix);
});

const say = (senderId: string, text: string, chatId: string | null = null): Promise<string> =>
  botSays(ds, bot, inboundMessage(senderId, text, chatId, `pc-${Date.now()}-${++seq}`));

const codeIn = (text: string) => /W\d{8}-\d{4}/.exec(text)?.[0] ?? '';

/** The demo roster's people by WeCom id, with the roles the roster gives them. */
const PEOPLE: [string, Role[]][] = [
  ['yuhaoran', ['cadre']],
  ['yesiyuan', ['handler']],
  ['huyonggang', ['leader']], // 市亲商助企办
  ['huanglixin', ['admin']], // 市亲商助企办
  ['yaojianguo', ['contact']],
  ['wangjianguo', ['admin', 'leader']], // 市亲商助企办
  ['tianzhenhua', ['cadre', 'leader']], // 雁塔区
  ['liangweidong', ['leader']], // 雁塔区
];

/** What each command's 帮助 example says, as a sender with these roles would type it. */
const example = (name: CommandName, roles: Role[]) => {
  const usage = usageFor(name, roles);
  return usage.includes('例：') ? usage.split('例：')[1] : usage.split('：')[0];
};

/** A role refusal of any layer: dispatch's, a service's or the ledger's ("or 您无权查看" of an unknown code is not). */
const ROLE_REFUSAL = /只有.*(才能|可以使用)|^您无权/;

describe('the role × command matrix: 帮助 and the fallback list exactly what dispatch then allows', () => {
  it.each(PEOPLE)('%s (%j)', async (who, roles) => {
    const [{ id }] = await ds.query(
      `SELECT person_id AS id FROM person_account WHERE platform = 'wecom' AND account_id = $1`,
      [who],
    );
    const person = await ds.getRepository(Person).findOneByOrFail({ id });
    expect([...person.roles].sort()).toEqual([...roles].sort());

    const help = await say(who, '帮助');
    const names = Object.keys(COMMAND_RULES) as CommandName[];
    for (const name of names.filter((n) => COMMAND_RULES[n].listed)) {
      const listed = help.includes(`· ${usageFor(name, roles)}`);
      expect([name, listed]).toEqual([name, mayUseCommand(roles, name)]);
      const reply = await say(who, example(name, roles));
      if (listed) {
        expect([name, reply]).toEqual([name, expect.not.stringMatching(ROLE_REFUSAL)]);
      } else {
        expect([name, reply]).toEqual([name, commandRefusal(name)]);
      }
      // What 取消 does (the dialogue an example opened ends), without its message and reply: half the
      // matrix's messages were these.
      await dialogues.clear('wecom', null, who);
    }

    // The fallback offers exactly the same commands, by their words.
    const offered = (await say(who, '今天天气不错')).split('您可以使用：')[1].split('；')[0].split('、');
    const allowed = names.filter((n) => COMMAND_RULES[n].listed && COMMAND_RULES[n].action !== null);
    expect(offered).toEqual(allowed.filter((n) => mayUseCommand(roles, n)).map((n) => COMMAND_RULES[n].word));
  });

  it('an admin who is also a leader is never offered what is then refused (found item 7)', async () => {
    const help = await say('wangjianguo', '帮助');
    for (const word of ['我的企业', '申请延期', '评价 [编号]', '撤回', '登记走访']) {
      expect(help).not.toContain(`· ${word}`);
    }
    expect(help).toContain('· 督办');
    expect(help).toContain('· 催办');
    expect(await say('wangjianguo', '撤回 W20261123-0007')).toBe(
      '“撤回”只有企业联系人可以使用。发送“帮助”查看您可以使用的命令。',
    );
  });

  it('leaders and enterprise contacts are told they may 催办, and may', async () => {
    const code = codeIn(await say('yaojianguo', '上报问题 厂房规划许可迟迟未批', 'wrdemo-ent-01'));
    for (const who of ['huyonggang', 'yaojianguo', 'liangweidong']) {
      expect(await say(who, '帮助')).toContain('· 催办 [编号]');
      expect(await say(who, `催办 ${code}`)).toBe(`已催办 ${code}。已通知牵头单位（单位群）。`);
    }
  });

  it('the fallback offers a handler and a contact their own example, never the cadre’s 登记走访', async () => {
    const handler = await say('yesiyuan', '今天天气不错');
    expect(handler).toContain('可以这样说：“受理 W20261123-0007”');
    expect(handler).not.toContain('登记走访');
    const contact = await say('yaojianguo', '今天天气不错');
    expect(contact).toContain('可以这样说：“上报问题 厂房用地指标迟迟未批”');
    expect(contact).not.toContain('登记走访');
    const cadre = await say('yuhaoran', '今天天气不错');
    // The example names a firm of the roster the bot runs with.
    expect(cadre).toContain(`登记走访 ${rosterExamples().firm} 昨天 上门 了解用工情况`);
    expect(cadre).not.toContain('曲江文旅');
  });
});

describe('scopes that fit a real city', () => {
  /** A problem of 秦创智能 (雁塔区) led by 市自然资源和规划局 (top level, no leader), accepted. */
  async function acceptedProblem(): Promise<string> {
    const code = codeIn(await say('yaojianguo', '上报问题 厂房规划许可迟迟未批', 'wrdemo-ent-01'));
    await say('yesiyuan', `受理 ${code}`);
    return code;
  }

  /** Who the extension request card went to (WeCom user ids). */
  async function extensionTargets(): Promise<string[]> {
    const rows: { target: string }[] = await ds.query(
      `SELECT o.target FROM outbound_message o JOIN problem_event e ON o.idempotency_key LIKE 'evt-' || e.id || '%'
       WHERE e.action = 'extend_request' ORDER BY o.target`,
    );
    return rows.map((r) => r.target);
  }

  it('the campaign office leader sees, supervises and decides over the whole city (found item 3)', async () => {
    const code = await acceptedProblem();
    expect(await say('huyonggang', `查看 ${code}`)).toContain(`问题 ${code}（办理中）`);
    expect(await say('huyonggang', `督办 ${code}`)).toBe(`已督办 ${code}。已通知牵头单位（单位群）。`);
    expect(await say('yesiyuan', `申请延期 ${code} 3个工作日 需要会审`)).toContain('等待领导审批');
    expect(await say('huyonggang', `同意延期 ${code}`)).toMatch(new RegExp(`^已同意 ${code} 延期`));
  });

  it('an extension request goes to the leaders over the lead unit, never to a plain admin', async () => {
    const code = await acceptedProblem();
    await say('yesiyuan', `申请延期 ${code} 3个工作日 需要会审`);
    // 市自然资源和规划局 has no leader and no parent: the city-wide campaign office's leaders decide.
    expect(await extensionTargets()).toEqual(['huyonggang', 'wangjianguo']);
  });

  it('a district leader sees its subtree and a sub-unit’s extension goes to the district', async () => {
    const code = codeIn(await say('yaojianguo', '上报问题 厂房规划许可迟迟未批', 'wrdemo-ent-01'));
    // Led by a city unit, but the firm is in 雁塔区: the district leader sees it.
    expect(await say('liangweidong', `查看 ${code}`)).toContain(`问题 ${code}`);
    expect(await say('huanglixin', `转办 ${code} 雁塔区行政审批服务局`)).toContain('已将');
    await say('luojianjun', `受理 ${code}`);
    await say('luojianjun', `申请延期 ${code} 2个工作日 等待会审`);
    expect(await extensionTargets()).toEqual(['liangweidong', 'tianzhenhua']);
    expect(await say('liangweidong', `同意延期 ${code}`)).toMatch(/^已同意/);

    // A problem of a firm outside 雁塔区, led by a city unit, is outside the district's scope.
    const other = codeIn(await say('wanglixin', '上报问题 厂房规划许可迟迟未批', 'wrdemo-ent-02'));
    expect(await say('liangweidong', `查看 ${other}`)).toContain('无权查看');
    expect(await say('liangweidong', `督办 ${other}`)).toBe('该问题不在您的职责范围内，您不能督办。');
  });

  it('a district’s own campaign office acts over the district only', async () => {
    const yanta = await ds.getRepository(OrgUnit).findOneByOrFail({ name: '雁塔区' });
    const office = await ds
      .getRepository(OrgUnit)
      .save({ name: '雁塔区亲商助企办', kind: 'campaign', parentId: yanta.id });
    const yantaOffice = await ds.getRepository(Person).save({
      name: '雁塔专班',
      mobile: '13929009901',
      roles: ['admin', 'leader'],
      unitId: office.id,
    });
    await setAccount(ds, yantaOffice, 'wecom', 'yanta-office');
    const inside = codeIn(await say('yaojianguo', '上报问题 厂房规划许可迟迟未批', 'wrdemo-ent-01'));
    const outside = codeIn(await say('wanglixin', '上报问题 厂房规划许可迟迟未批', 'wrdemo-ent-02'));
    expect(await say('yanta-office', `督办 ${inside}`)).toBe(`已督办 ${inside}。已通知牵头单位（单位群）。`);
    expect(await say('yanta-office', `督办 ${outside}`)).toBe('该问题不在您的职责范围内，您不能督办。');

    // The digests read the same scope roots.
    const scopes = new Map((await directory.leaderScopes(ds)).map((l) => [l.name, l]));
    expect(scopes.get('胡永刚')).toMatchObject({ scope: 'all', label: null });
    expect(scopes.get('雁塔专班')?.label).toBe('雁塔区');
    expect(scopes.get('梁卫东')?.label).toBe('雁塔区');
    const district = scopes.get('雁塔专班')?.scope as ReadonlySet<string>;
    expect(district.has(yanta.id)).toBe(true);
    expect(district.has(office.id)).toBe(true);
    expect(district.size).toBe((scopes.get('梁卫东')?.scope as ReadonlySet<string>).size);
  });
});
