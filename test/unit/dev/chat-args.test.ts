import { parseChatArgs } from '../../../src/dev/chat';

describe('npm run chat -- MOBILE [--group [CHATID]] [--dingtalk]', () => {
  it.each([
    [['13929000021'], { mobile: '13929000021', mode: 'wecom', group: undefined }],
    [['13929000051', '--group'], { mobile: '13929000051', mode: 'bot', group: '' }],
    [
      ['--group', 'wrdemo-ent-02', '13929000052'],
      { mobile: '13929000052', mode: 'bot', group: 'wrdemo-ent-02' },
    ],
    [['13929000036', '--dingtalk'], { mobile: '13929000036', mode: 'dingtalk', group: undefined }],
    [
      ['13929000036', '--dingtalk', '--group', 'cidDemoQujiang000001'],
      { mobile: '13929000036', mode: 'dingtalk', group: 'cidDemoQujiang000001' },
    ],
  ])('%j', (argv, expected) => {
    expect(parseChatArgs(argv)).toMatchObject(expected);
  });

  it('says what is wrong with a bad command line', () => {
    expect(parseChatArgs([])).toBe('MOBILE is missing');
    expect(parseChatArgs(['12345'])).toBe('unknown argument: 12345');
    expect(parseChatArgs(['13929000021', '--url'])).toBe('--url needs a value');
  });
});
