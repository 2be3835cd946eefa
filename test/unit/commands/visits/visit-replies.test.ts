import {
  confirmCard,
  monthLine,
  myEnterprisesReply,
  visitReply,
} from '../../../../src/commands/visits/visit-replies';
import { numbered, pickQuestion } from '../../../../src/commands/visits/enterprise-picker';
import type { RegisterVisitResult, VisitRecord } from '../../../../src/services/visits';

const visit: VisitRecord = {
  id: '00000000-0000-4000-8000-000000000001',
  cadreId: 'c1',
  cadreName: '于浩然',
  enterpriseId: 'e1',
  enterpriseName: '西安曲江文化旅游（集团）有限公司',
  pairingId: 'p1',
  visitedOn: '2026-11-20',
  method: 'onsite',
  summary: '了解用工情况',
  confirmedAt: null,
};

const result = (over: Partial<RegisterVisitResult> = {}): RegisterVisitResult => ({
  visit,
  replayed: false,
  paired: true,
  heldByOtherThen: false,
  monthContacts: 2,
  monthTarget: 2,
  sameDayBefore: false,
  ...over,
});

describe('visit replies', () => {
  it('echoes the stored visit with the resolved date, weekday and the month’s count', () => {
    expect(visitReply(result(), '2026-11-23', { problemLine: null, askedToConfirm: false })).toBe(
      '已登记：11月20日（周五）上门走访 西安曲江文化旅游（集团）有限公司，了解用工情况。本月第2次，一月两见已达标。',
    );
  });

  it('says what is still needed, same-day repeats, and another month by name', () => {
    expect(monthLine(result({ monthContacts: 1 }), '2026-11-23')).toBe(
      '本月第1次，还需再联系1次才达到一月两见。',
    );
    expect(monthLine(result({ monthContacts: 1, sameDayBefore: true }), '2026-11-23')).toBe(
      '同一天已有联系记录，与之合并计为一次联系，本月累计1次，还需再联系1次才达到一月两见。',
    );
    expect(monthLine(result(), '2026-12-01')).toBe('11月第2次，一月两见已达标。');
  });

  it('notes a firm not paired, a date before the pair, the problem and the confirmation request', () => {
    const text = visitReply(result({ paired: false, heldByOtherThen: false }), '2026-11-23', {
      problemLine: '发现的问题已登记为 W20261123-0001，将尽快交办。',
      askedToConfirm: true,
    });
    expect(text.split('\n')).toEqual([
      '已登记：11月20日（周五）上门走访 西安曲江文化旅游（集团）有限公司，了解用工情况。',
      '注意：该企业不是您的包联企业，走访已照常记录，但不计入您的一月两见。',
      '发现的问题已登记为 W20261123-0001，将尽快交办。',
      '已请企业确认这次走访。',
    ]);
    expect(
      visitReply(result({ heldByOtherThen: true }), '2026-11-23', {
        problemLine: null,
        askedToConfirm: false,
      }),
    ).toContain('走访当日该企业由其他干部包联');
  });

  it('the confirm card’s button sends 确认走访 <visit id>', () => {
    const card = confirmCard(visit);
    expect(card.card.title).toBe('请确认走访');
    expect(card.card.buttons).toEqual([{ text: '确认走访', key: `确认走访 ${visit.id}`, typed: '确认走访' }]);
    expect(card.card.description).toContain(
      '包联干部于浩然登记了11月20日（周五）对贵企业的上门走访：了解用工情况',
    );
  });

  it('我的企业 lists x/2 and open problems, and how many pairs are short', () => {
    const text = myEnterprisesReply(
      [
        {
          enterpriseId: 'a',
          name: '西安万年光伏科技有限公司',
          shortName: '万年光伏',
          contacts: 0,
          target: 2,
          lastVisitOn: null,
          openProblems: 0,
        },
        {
          enterpriseId: 'b',
          name: '西安秦创智能装备有限公司',
          shortName: '秦创智能',
          contacts: 2,
          target: 2,
          lastVisitOn: '2026-11-20',
          openProblems: 1,
        },
      ],
      '2026-11-23',
    );
    expect(text).toBe(
      '您包联的企业（11月）：\n1. 万年光伏 ⏳本月联系0/2\n2. 秦创智能 ✅本月联系2/2，最近11月20日（周五），未办结问题1个\n' +
        '本月还有1家未达到一月两见。登记走访：登记走访 企业 日期 方式 情况',
    );
    expect(myEnterprisesReply([], '2026-11-23')).toContain('没有包联企业');
  });

  it('numbers choices and marks the sender’s own firms', () => {
    const firms = [
      { id: '1', name: '甲公司', own: true },
      { id: '2', name: '乙公司', own: false },
    ];
    expect(numbered(firms)).toBe('1. 甲公司（包联）\n2. 乙公司');
    expect(pickQuestion('是哪一家？', [])).toBe('是哪一家？请发送企业名称，例：秦创智能。发送“取消”放弃。');
  });
});
