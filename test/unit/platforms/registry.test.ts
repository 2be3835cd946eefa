import type { PlatformAdapter, SendTarget } from '../../../src/platforms/adapter';
import { accountsOf, Platforms } from '../../../src/platforms/registry';

const adapter = (
  over: Partial<PlatformAdapter> & Pick<PlatformAdapter, 'name' | 'accounts'>,
): PlatformAdapter => ({
  label: over.name,
  channels: [],
  sends: true,
  plan: () => Promise.reject(new Error('not planned here')),
  replyTarget: () => Promise.resolve(null),
  privateTarget: (msg) => ({ channel: 'x', target: msg.senderId }),
  ...over,
});
const to =
  (channel: string) =>
  (id: string): SendTarget => ({ channel, target: id });

describe('the platform registry', () => {
  it('maps the built-in platforms to their account namespaces (the two WeCom ones share one)', () => {
    expect(['wecom', 'wecom_bot', 'dingtalk'].map(accountsOf)).toEqual(['wecom', 'wecom', 'dingtalk']);
    expect(accountsOf('unregistered')).toBe('unregistered');
  });

  it('refuses two adapters claiming one channel', () => {
    expect(
      () =>
        new Platforms([
          adapter({ name: 'a', accounts: 'a', channels: ['same'] }),
          adapter({ name: 'b', accounts: 'b', channels: ['same'] }),
        ]),
    ).toThrow('channel same is claimed by both a and b');
  });

  it('reaches a person 1:1 through the first sending adapter that knows one of their accounts', () => {
    const platforms = new Platforms([
      adapter({ name: 'first', accounts: 'one', directTarget: to('one_direct'), sends: false }),
      adapter({ name: 'bot', accounts: 'one' }),
      adapter({ name: 'second', accounts: 'two', directTarget: to('two_direct') }),
    ]);
    const accounts = [
      { platform: 'one', accountId: 'u1' },
      { platform: 'two', accountId: 'u2' },
    ];
    // 'first' does not send (its settings are absent): the next one that knows an account is used.
    expect(platforms.direct(accounts)).toEqual({ channel: 'two_direct', target: 'u2' });
    // Where the adapter's state is recorded by the outbox instead, the preference order decides.
    expect(platforms.anyDirect(accounts)).toEqual({ channel: 'one_direct', target: 'u1' });
    expect(platforms.direct([{ platform: 'three', accountId: 'u3' }])).toBeNull();
    expect(platforms.reachable).toEqual(['two']);
  });

  it('finds the adapter for a platform, a channel and a bound group', () => {
    const platforms = new Platforms([
      adapter({ name: 'p', accounts: 'p', channels: ['p_send'], groupTarget: to('p_group') }),
    ]);
    expect(platforms.adapter('p').name).toBe('p');
    expect(() => platforms.adapter('nope')).toThrow('no adapter is registered for nope');
    expect(platforms.forChannel('p_send')?.name).toBe('p');
    expect(platforms.forChannel('other')).toBeUndefined();
    expect(platforms.group('p', 'g1')).toEqual({ channel: 'p_group', target: 'g1' });
    expect(platforms.group('q', 'g1')).toBeNull();
  });
});
