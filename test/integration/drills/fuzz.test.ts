import { type AppHarness, HARNESS_ADMIN_TOKEN, startAppHarness } from '../../support/app-harness';
import { closeTestDataSource, testDataSource, truncateAll } from '../../support/db';
import { fuzz } from '../../drills/fuzz';

let h: AppHarness;

beforeAll(async () => {
  await truncateAll(await testDataSource());
  h = await startAppHarness({
    workers: false,
    env: {
      WECOM_BOT_TOKEN: 'fuzzBotToken',
      WECOM_BOT_ENCODING_AES_KEY: 'FuzzFuzzFuzzFuzzFuzzFuzzFuzzFuzzFuzz0123456',
      DINGTALK_APP_KEY: 'dingfuzz',
      DINGTALK_APP_SECRET: 'fuzz-secret',
    },
  });
});
afterAll(async () => {
  await h.close();
  await closeTestDataSource();
});

describe('drill: malformed requests', () => {
  it('answers 10,000 malformed requests without a single 5xx, and stores nothing', async () => {
    const result = await fuzz(h.base, 10_000, 16, HARNESS_ADMIN_TOKEN);
    expect(result.sent).toBe(10_000);
    expect(result.dropped).toEqual([]); // no connection dropped, shown with its seed and error
    expect(result.byStatus['0'] ?? 0).toBe(0);
    expect(result.fiveXx).toEqual([]);
    const [{ n }] = await h.container.ds.query(`SELECT count(*)::int AS n FROM inbound_message`);
    expect(n).toBe(0);
    // Ten thousand requests are ≈ 30 s alone on this machine, and several times that when the other jest
    // worker and other sessions load both cores: the time limit is for a hang, not a speed check.
  }, 300_000);
});
