import { jobSafeId, stripBotMentions } from '../../../src/platforms/kit/inbound-text';

describe('stripBotMentions', () => {
  it.each([
    ['@助企机器人 走访登记', '走访登记'],
    ['@助企机器人\u2005走访登记', '走访登记'],
    ['  走访 @助企机器人 登记', '走访   登记'],
    ['@小助手 查询问题', '查询问题'],
    ['@张三 @助企机器人 帮忙', '帮忙'],
    ['走访登记 @张三', '走访登记 @张三'],
    ['没有提及', '没有提及'],
    ['@助企机器人', ''],
  ])('%j → %j', (input, expected) => {
    expect(stripBotMentions(input)).toBe(expected);
  });
});

describe('jobSafeId', () => {
  it('removes colons that BullMQ refuses in job ids', () => {
    expect(jobSafeId('a:b:c')).toBe('a-b-c');
    expect(jobSafeId('4561255354251345929')).toBe('4561255354251345929');
  });

  it('hashes ids too long for the message_id column, the same way every time', () => {
    const long = 'x'.repeat(300);
    expect(jobSafeId(long)).toMatch(/^h-[0-9a-f]{64}$/);
    expect(jobSafeId(long)).toBe(jobSafeId(long));
  });
});
