import { randomBytes } from 'node:crypto';
import { FakeServer } from './fake-server';

/**
 * A minimal Feishu/Lark open platform for the test-only fourth adapter: the internal app's
 * tenant_access_token and im/v1/messages (text to a user_id). Records what it accepted.
 */
export class FakeFeishu extends FakeServer {
  readonly appId = 'cli_test_qinshang';
  readonly appSecret = 'feishu-test-secret';
  private readonly tokens = new Set<string>();

  constructor() {
    super();
    this.app.post('/open-apis/auth/v3/tenant_access_token/internal', (req, res) => {
      const body = req.body as { app_id?: string; app_secret?: string };
      if (body.app_id !== this.appId || body.app_secret !== this.appSecret) {
        res.json({ code: 10014, msg: 'app secret invalid' });
        return;
      }
      const token = `t-${randomBytes(8).toString('hex')}`;
      this.tokens.add(token);
      res.json({ code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 });
    });
    this.app.post('/open-apis/im/v1/messages', (req, res) => {
      const api = 'im/v1/messages';
      const token = (req.get('authorization') ?? '').replace(/^Bearer /, '');
      const body = req.body as { receive_id?: string; msg_type?: string; content?: string };
      if (!this.tokens.has(token)) {
        this.rejected.push({ api, at: this.now(), body, errcode: 99991663, errmsg: 'invalid token' });
        res.json({ code: 99991663, msg: 'Invalid access token' });
        return;
      }
      if (req.query.receive_id_type !== 'user_id' || !body.receive_id || body.msg_type !== 'text') {
        this.rejected.push({ api, at: this.now(), body, errcode: 230001, errmsg: 'bad request' });
        res.json({ code: 230001, msg: 'invalid receive_id or msg_type' });
        return;
      }
      this.accept(api, body, body.receive_id);
      res.json({ code: 0, msg: 'success', data: { message_id: `om_${randomBytes(6).toString('hex')}` } });
    });
  }

  /** The texts accepted for `userId`, in order. */
  textsTo(userId: string): string[] {
    return this.sent
      .filter((r) => r.api === 'im/v1/messages' && r.to === userId)
      .map((r) => (JSON.parse(String(r.body.content)) as { text: string }).text);
  }
}
