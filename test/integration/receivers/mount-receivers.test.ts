import { sendCallback } from '../../support/callbacks/callback-request';
import { buildDingtalkTextCallback } from '../../support/callbacks/dingtalk-callback.builder';
import { startReceivers, TEST_ENV } from './receiver-harness';

describe('mountReceivers', () => {
  it('serves only the platforms whose settings are present; the rest answer 404', async () => {
    const {
      WECOM_BOT_TOKEN: _t,
      WECOM_BOT_ENCODING_AES_KEY: _k,
      DINGTALK_APP_KEY: _a,
      DINGTALK_APP_SECRET: _s,
      ...env
    } = TEST_ENV;
    const h = await startReceivers(env);
    try {
      expect(h.config.dingtalk).toBeNull();
      const dingtalk = buildDingtalkTextCallback(
        { appKey: 'k', appSecret: 's' },
        { userId: 'u', text: 'x', now: h.clock.now() },
      );
      expect((await sendCallback(h.base, dingtalk)).status).toBe(404);
      expect((await fetch(`${h.base}/wecom/bot`, { method: 'POST', body: '{}' })).status).toBe(404);
      expect((await fetch(`${h.base}/wecom/callback`)).status).toBe(400);
      expect((await fetch(`${h.base}/unknown`)).status).toBe(404);
    } finally {
      await h.close();
    }
  });

  it('does not parse the bodies of routes that are not callbacks', async () => {
    const h = await startReceivers();
    try {
      expect(
        (await fetch(`${h.base}/api/visits`, { method: 'POST', body: 'x'.repeat(100 * 1024) })).status,
      ).toBe(404);
      expect(h.logs).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});
