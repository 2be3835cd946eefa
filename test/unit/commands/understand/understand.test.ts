import { understand } from '../../../../src/commands/understand/understand';
import { CORPUS } from './corpus';
import { parseCases, report, score } from './corpus-kit';

const cases = parseCases(CORPUS);
const result = score(cases, understand);

describe('understanding corpus (tuning split)', () => {
  afterAll(() => {
    console.log(report('tuning corpus', result));
  });

  it('holds enough messages', () => {
    expect(cases.length).toBeGreaterThanOrEqual(440);
  });

  it('creates nothing from chit-chat, a negated or a future event', () => {
    expect(result.falseCreations).toEqual([]);
  });

  it('reads every message as expected', () => {
    expect(result.failures).toEqual([]);
  });
});
