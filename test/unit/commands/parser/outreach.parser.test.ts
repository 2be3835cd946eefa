import { parseCommand } from '../../../../src/commands/parser';
import type { ParseContext } from '../../../../src/commands/parser';

const ctx: ParseContext = { roles: ['admin'], groupEnterprise: null, today: '2026-11-23', inGroup: false };

describe('送政策 and 现场办公 commands', () => {
  it('reads 发布政策 by its labels, an unlabelled title, and says what is missing', () => {
    expect(
      parseCommand(
        '发布政策 标题：稳岗补贴；发文单位：市人社局 摘要：返还失业保险 范围：雁塔区、制造业 咨询单位：市人社局 链接：https://x.cn/1',
        ctx,
      ),
    ).toEqual({
      ok: true,
      command: {
        name: 'publishPolicy',
        draft: {
          title: '稳岗补贴',
          issuer: '市人社局',
          summary: '返还失业保险',
          scope: '雁塔区、制造业',
          contactUnit: '市人社局',
          link: 'https://x.cn/1',
        },
      },
    });
    expect(parseCommand('发布政策 集成电路流片补贴', ctx)).toMatchObject({
      ok: false,
      command: 'publishPolicy',
      missing: ['scope', 'contactUnit'],
      partial: { draft: { title: '集成电路流片补贴' } },
    });
  });

  it('reads 政策 N, 已阅 [N] and 咨询 [N] 问题', () => {
    expect(parseCommand('政策 3', ctx)).toEqual({ ok: true, command: { name: 'policyReport', number: 3 } });
    expect(parseCommand('政策三', ctx)).toEqual({ ok: true, command: { name: 'policyReport', number: 3 } });
    expect(parseCommand('@助企机器人 已阅', ctx)).toEqual({
      ok: true,
      command: { name: 'ackPolicy', number: null },
    });
    expect(parseCommand('已阅 2', ctx)).toEqual({ ok: true, command: { name: 'ackPolicy', number: 2 } });
    expect(parseCommand('咨询 2 需要哪些材料？', ctx)).toEqual({
      ok: true,
      command: { name: 'consultPolicy', number: 2, question: '需要哪些材料' },
    });
    expect(parseCommand('咨询 申报截止时间是哪天', ctx)).toMatchObject({
      command: { name: 'consultPolicy', number: null },
    });
  });

  it('reads 现场办公 with a future date, and leaves a past one to the visit parser', () => {
    expect(
      parseCommand(
        '现场办公 秦创智能 12月3日 地点：企业会议室 主持：梁卫东 邀请：市自然资源和规划局、市住建局',
        ctx,
      ),
    ).toEqual({
      ok: true,
      command: {
        name: 'scheduleSession',
        enterprise: '秦创智能',
        date: '2026-12-03',
        place: '企业会议室',
        presiding: '梁卫东',
        units: ['市自然资源和规划局', '市住建局'],
      },
    });
    // 1月5日 said in November is next January.
    expect(parseCommand('现场办公 秦创智能 1月5日 地点：会议室', ctx)).toMatchObject({
      command: { date: '2027-01-05' },
    });
    expect(parseCommand('现场办公 秦创智能 明天', ctx)).toMatchObject({ ok: false, missing: ['place'] });
    expect(parseCommand('现场办公 秦创智能 昨天 了解用工', { ...ctx, roles: ['cadre'] })).toMatchObject({
      ok: true,
      command: { name: 'visit', method: 'meeting' },
    });
  });

  it('reads 现场解决 / 限期解决 / 不能解决', () => {
    expect(parseCommand('现场解决 W20261123-0001 当场出具许可', ctx)).toEqual({
      ok: true,
      command: {
        name: 'sessionOutcome',
        code: 'W20261123-0001',
        outcome: 'onsite',
        deadline: null,
        unit: null,
        note: '当场出具许可',
      },
    });
    expect(parseCommand('限期解决 W20261123-0002 12月10日前 由市住房和城乡建设局', ctx)).toEqual({
      ok: true,
      command: {
        name: 'sessionOutcome',
        code: 'W20261123-0002',
        outcome: 'deadline',
        deadline: '2026-12-10',
        unit: '市住房和城乡建设局',
        note: '',
      },
    });
    expect(parseCommand('限期解决 W20261123-0002', ctx)).toMatchObject({ missing: ['deadline', 'unit'] });
    expect(parseCommand('不能解决 W20261123-0003', ctx)).toMatchObject({ missing: ['reason'] });
    expect(parseCommand('不能解决 W20261123-0003 原因：需报市政府', ctx)).toMatchObject({
      command: { outcome: 'unsolvable', note: '需报市政府' },
    });
  });
});
