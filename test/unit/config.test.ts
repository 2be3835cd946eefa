import { ConfigError, loadConfig } from '../../src/config';

const KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

describe('settings', () => {
  it('has the contract defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/qinshang');
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.adminToken).toBeNull();
    expect(c.wecomApiBase).toBe('https://qyapi.weixin.qq.com');
    expect(c.dingtalkApiBase).toBe('https://api.dingtalk.com');
    expect(c.dingtalkOapiBase).toBe('https://oapi.dingtalk.com');
    expect(c.callbackMaxSkewSeconds).toBe(300);
    expect(c.logLevel).toBe('info');
  });

  it('switches an absent platform off and says so', () => {
    const c = loadConfig({});
    expect(c.wecom).toBeNull();
    expect(c.wecomBot).toBeNull();
    expect(c.dingtalk).toBeNull();
    expect(c.notices.join('\n')).toMatch(/WeCom app is off/);
  });

  it('reads a complete platform', () => {
    const c = loadConfig({
      WECOM_CORP_ID: 'wx5823bf96d3bd56c7',
      WECOM_AGENT_ID: '218',
      WECOM_SECRET: 's',
      WECOM_TOKEN: 'QDG6eK',
      WECOM_ENCODING_AES_KEY: KEY,
      WECOM_API_BASE: 'http://127.0.0.1:9999/',
    });
    expect(c.wecom).toMatchObject({ corpId: 'wx5823bf96d3bd56c7', agentId: '218', encodingAesKey: KEY });
    expect(c.wecomApiBase).toBe('http://127.0.0.1:9999');
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ CALLBACK_MAX_SKEW_SECONDS: '-1' }, 'CALLBACK_MAX_SKEW_SECONDS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ WECOM_API_BASE: 'ftp://x' }, 'WECOM_API_BASE'],
    [{ WECOM_BOT_TOKEN: 't', WECOM_BOT_ENCODING_AES_KEY: 'short' }, 'WECOM_BOT_ENCODING_AES_KEY'],
    [{ WECOM_BOT_TOKEN: 't' }, 'WECOM_BOT_ENCODING_AES_KEY'],
    [{ DINGTALK_APP_KEY: 'k' }, 'DINGTALK_APP_SECRET'],
    [{ ADMIN_TOKEN: 'abc' }, 'ADMIN_TOKEN'],
  ])('stops on a malformed setting %j and names %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('allows 0 to turn the timestamp check off', () => {
    expect(loadConfig({ CALLBACK_MAX_SKEW_SECONDS: '0' }).callbackMaxSkewSeconds).toBe(0);
  });
});
