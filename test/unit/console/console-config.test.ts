import { ConfigError, loadConfig } from '../../../src/config';

describe('console settings', () => {
  it('defaults: demo login off, 30-minute idle sessions, the real WeCom OAuth host', () => {
    const c = loadConfig({});
    expect(c.console).toEqual({ sessionIdleMinutes: 30, demoLogin: false, dingtalkCorpId: null });
    expect(c.wecomOauthBase).toBe('https://open.weixin.qq.com');
    expect(c.wecomLoginBase).toBe('https://login.work.weixin.qq.com');
  });

  it('refuses the demo login in production, naming the variable', () => {
    expect(() => loadConfig({ CONSOLE_DEMO_LOGIN: '1', NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ CONSOLE_DEMO_LOGIN: '1', NODE_ENV: 'production' })).toThrow(
      /CONSOLE_DEMO_LOGIN/,
    );
    expect(loadConfig({ CONSOLE_DEMO_LOGIN: '1' }).console.demoLogin).toBe(true);
  });

  it('names a malformed idle timeout or OAuth host', () => {
    expect(() => loadConfig({ CONSOLE_SESSION_IDLE_MINUTES: '0' })).toThrow(/CONSOLE_SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ WECOM_OAUTH_BASE: 'ftp://x' })).toThrow(/WECOM_OAUTH_BASE/);
    expect(() => loadConfig({ WECOM_LOGIN_BASE: 'login' })).toThrow(/WECOM_LOGIN_BASE/);
  });
});
