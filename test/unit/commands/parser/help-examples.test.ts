import { commandsForRoles, fallbackFor } from '../../../../src/commands/parser';
import { fillExamples, NEUTRAL_EXAMPLES, setRosterExamples } from '../../../../src/commands/parser/examples';
import { USAGE } from '../../../../src/commands/parser/usage';
import { SENTENCE_EXAMPLES } from '../../../../src/commands/understand/suggest';
import { REPLIES } from '../../../../src/bot/replies';

afterEach(() => setRosterExamples(null));

describe('examples in 帮助, hints and errors come from the roster the service runs with', () => {
  it('names the roster’s firm and units everywhere an example names one', () => {
    setRosterExamples({ firm: '渭北重工', unit: '市规划局', unit2: '市住建局', district: '灞桥区' });
    expect(USAGE.visit).toBe('登记走访 企业 日期 方式 情况，例：登记走访 渭北重工 昨天 上门 了解用工情况');
    expect(USAGE.transfer).toContain('转办 W20261123-0007 市规划局');
    expect(USAGE.coHandle).toContain('协办 W20261123-0007 市住建局');
    expect(USAGE.publishPolicy).toContain('范围：灞桥区、制造业 咨询单位：市规划局');
    expect(SENTENCE_EXAMPLES.visit).toBe('登记走访：“昨天去渭北重工，了解用工”');
    expect(REPLIES.futureVisit).toContain('今天去渭北重工');
    expect(fallbackFor(['cadre'])).toContain('登记走访 渭北重工 昨天');
    const all = [
      ...commandsForRoles(['cadre', 'handler', 'leader', 'admin', 'contact']),
      ...Object.values(SENTENCE_EXAMPLES),
      REPLIES.futureVisit,
    ].join('\n');
    for (const stale of [
      '曲江文旅',
      '秦创智能',
      '市自然资源局',
      '{firm}',
      '{unit}',
      '{unit2}',
      '{district}',
    ]) {
      expect(all).not.toContain(stale);
    }
  });

  it('falls back to neutral words when the roster is empty', () => {
    setRosterExamples(null);
    expect(USAGE.report).toContain(`上报问题 ${NEUTRAL_EXAMPLES.firm} 【土地】`);
    expect(fillExamples('例：{firm}、{unit}')).toBe('例：某某公司、某某局');
  });
});
