import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { FakeServer, RollingWindow } from './fake-server';

export interface FakeDingtalkOptions {
  appKey?: string;
  appSecret?: string;
  /** Custom robot limit: 20 per rolling minute, then blocked for 10 minutes (130101). */
  robotLimit?: number;
  windowMs?: number;
  blockMs?: number;
  tokenTtlSeconds?: number;
}

interface Robot {
  secret: string | null;
  blockedUntil: number;
}

/**
 * A fake DingTalk (api.dingtalk.com + oapi.dingtalk.com on one port): OpenAPI access tokens,
 * custom robots with 加签 (timestamp within 1 h, HmacSHA256 sign, else 310000) and the
 * 20-per-minute limit with a 10-minute block (130101), sessionWebhooks with expiry, and the
 * robot OpenAPI (batchSend, groupMessages/send).
 */
export class FakeDingtalk extends FakeServer {
  readonly appKey: string;
  readonly appSecret: string;
  tokenCalls = 0;
  private readonly robots = new Map<string, Robot>();
  private readonly sessions = new Map<string, number>();
  private readonly tokens = new Map<string, number>();
  /** The directory topapi/v2/user/get answers from: staff id → mobile (absent: 60121 user not found). */
  readonly directory = new Map<string, string>();
  private readonly authCodes = new Map<string, { userId: string; expiresAt: number }>();
  /**
   * When true, pictures (markdown `![..](url)`, sampleImageMsg photoURL) are fetched as the DingTalk
   * client would: a message whose picture does not load as an image is refused (40035).
   */
  fetchPictures = false;
  /** Every picture fetched: its URL, HTTP status and content type. */
  readonly pictures: { url: string; status: number; contentType: string; bytes: number }[] = [];
  private readonly window: RollingWindow;
  private readonly blockMs: number;
  private readonly tokenTtlSeconds: number;

  constructor(opts: FakeDingtalkOptions = {}) {
    super();
    this.appKey = opts.appKey ?? 'dingfakeappkey';
    this.appSecret = opts.appSecret ?? 'fake-app-secret';
    this.window = new RollingWindow(opts.robotLimit ?? 20, opts.windowMs ?? 60_000);
    this.blockMs = opts.blockMs ?? 10 * 60_000;
    this.tokenTtlSeconds = opts.tokenTtlSeconds ?? 7200;
    this.routes();
  }

  /**
   * Registers a custom robot; returns its webhook URL on the real host, as the roster stores it.
   * `token` names an existing robot's access_token (the demo registers the roster's robots).
   */
  addRobot(
    secret: string | null = `SEC${randomBytes(16).toString('hex')}`,
    token = randomBytes(16).toString('hex'),
  ): {
    url: string;
    secret: string | null;
    token: string;
  } {
    this.robots.set(token, { secret, blockedUntil: 0 });
    return { url: `https://oapi.dingtalk.com/robot/send?access_token=${token}`, secret, token };
  }

  /** A sessionWebhook valid for `ttlMs` (DingTalk gives about 90 minutes). */
  addSession(ttlMs = 90 * 60_000): { url: string; expiresAt: number } {
    const session = randomBytes(16).toString('hex');
    const expiresAt = this.now() + ttlMs;
    this.sessions.set(session, expiresAt);
    return { url: `https://oapi.dingtalk.com/robot/sendBySession?session=${session}`, expiresAt };
  }

  /** The H5 JSAPI's requestAuthCode: a single-use code for `userId`, valid five minutes. */
  issueAuthCode(userId: string): string {
    const code = randomBytes(16).toString('hex');
    this.authCodes.set(code, { userId, expiresAt: this.now() + 300_000 });
    return code;
  }

  /** Makes every OpenAPI token invalid now. */
  expireTokens(): void {
    for (const t of this.tokens.keys()) this.tokens.set(t, this.now() - 1);
  }

  private routes(): void {
    this.app.post('/v1.0/oauth2/accessToken', (req, res) => {
      this.tokenCalls++;
      if (req.body.appKey !== this.appKey || req.body.appSecret !== this.appSecret) {
        this.rejected.push({
          api: 'accessToken',
          at: this.now(),
          body: req.body,
          errcode: 'invalidClientIdOrSecret',
        });
        return res
          .status(400)
          .json({ code: 'invalidClientIdOrSecret', message: '无效的clientId或者clientSecret' });
      }
      const token = randomBytes(16).toString('hex');
      this.tokens.set(token, this.now() + this.tokenTtlSeconds * 1000);
      res.json({ accessToken: token, expireIn: this.tokenTtlSeconds });
    });

    // oapi: the micro-app's authCode → the user; the OpenAPI access token works here too.
    this.app.post('/topapi/v2/user/getuserinfo', (req, res) => {
      const api = 'user/getuserinfo';
      const expires = this.tokens.get(String(req.query.access_token ?? ''));
      if (expires === undefined || expires <= this.now()) {
        return this.refuse(res, api, 40014, '不合法的access_token', req.body);
      }
      const code = String(req.body?.code ?? '');
      const issued = this.authCodes.get(code);
      this.authCodes.delete(code);
      if (!issued || issued.expiresAt <= this.now())
        return this.refuse(res, api, 40078, '不存在的临时授权码', req.body);
      this.accept(api, req.body, issued.userId);
      res.json({
        errcode: 0,
        errmsg: 'ok',
        result: { userid: issued.userId, name: '', sys: false, sys_level: 0 },
      });
    });

    this.app.post('/robot/send', async (req, res) => {
      const api = 'robot/send';
      const token = String(req.query.access_token ?? '');
      const robot = this.robots.get(token);
      if (!robot) return this.refuse(res, api, 300005, 'token is not exist', req.body, token);
      if (robot.secret) {
        const timestamp = Number(req.query.timestamp);
        if (!Number.isFinite(timestamp) || Math.abs(this.now() - timestamp) > 3600_000) {
          return this.refuse(res, api, 310000, 'invalid timestamp', req.body, token);
        }
        const expected = createHmac('sha256', robot.secret).update(`${timestamp}\n${robot.secret}`).digest();
        const given = Buffer.from(String(req.query.sign ?? ''), 'base64');
        if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
          return this.refuse(res, api, 310000, 'sign not match', req.body, token);
        }
      }
      if (!this.messageOk(req, res, api, token)) return;
      if (!(await this.picturesOk(req, res, api, token))) return;
      if (robot.blockedUntil > this.now()) {
        return this.refuse(res, api, 130101, 'send too fast, exceed 20 times per minute', req.body, token);
      }
      if (!this.window.take(token, this.now())) {
        robot.blockedUntil = this.now() + this.blockMs;
        return this.refuse(res, api, 130101, 'send too fast, exceed 20 times per minute', req.body, token);
      }
      this.accept(api, req.body, token);
      res.json({ errcode: 0, errmsg: 'ok' });
    });

    this.app.post('/robot/sendBySession', async (req, res) => {
      const api = 'sendBySession';
      const session = String(req.query.session ?? '');
      const expiresAt = this.sessions.get(session);
      if (expiresAt === undefined || expiresAt <= this.now()) {
        return this.refuse(res, api, 300005, 'session is not exist or expired', req.body, session);
      }
      if (!this.messageOk(req, res, api, session)) return;
      if (!(await this.picturesOk(req, res, api, session))) return;
      this.accept(api, req.body, session);
      res.json({ errcode: 0, errmsg: 'ok' });
    });

    // Old-style oapi, token in the query: errcode 40014 for a bad token, 60121 for an unknown user.
    this.app.post('/topapi/v2/user/get', (req, res) => {
      const api = 'topapi/v2/user/get';
      const expiresAt = this.tokens.get(String(req.query.access_token ?? ''));
      if (expiresAt === undefined || expiresAt <= this.now()) {
        return this.refuse(res, api, 40014, '不合法的access_token', req.body);
      }
      const userId = String((req.body as { userid?: unknown }).userid ?? '');
      const mobile = this.directory.get(userId);
      if (mobile === undefined) return this.refuse(res, api, 60121, '找不到该用户', req.body);
      this.accept(api, { userid: userId });
      res.json({
        errcode: 0,
        errmsg: 'ok',
        result: { userid: userId, name: userId, mobile, state_code: '86' },
      });
    });

    this.app.post('/v1.0/robot/oToMessages/batchSend', (req, res) => {
      void this.openApi(req, res, 'batchSend', 'userIds');
    });
    this.app.post('/v1.0/robot/groupMessages/send', (req, res) => {
      void this.openApi(req, res, 'groupMessages/send', 'openConversationId');
    });
  }

  private async openApi(req: Request, res: Response, api: string, toField: string): Promise<void> {
    const token = String(req.header('x-acs-dingtalk-access-token') ?? '');
    const expiresAt = this.tokens.get(token);
    if (expiresAt === undefined || expiresAt <= this.now()) {
      this.rejected.push({ api, at: this.now(), body: req.body, errcode: 'InvalidAuthentication' });
      res.status(401).json({ code: 'InvalidAuthentication', message: '不合法的access_token' });
      return;
    }
    const body = req.body as Record<string, unknown>;
    let paramOk: boolean;
    try {
      paramOk = typeof JSON.parse(String(body.msgParam)) === 'object';
    } catch {
      paramOk = false;
    }
    if (body.robotCode !== this.appKey || !body[toField] || !body.msgKey || !paramOk) {
      this.rejected.push({ api, at: this.now(), body, errcode: 'invalidParameter' });
      res.status(400).json({ code: 'invalidParameter', message: 'robotCode/msgKey/msgParam/target' });
      return;
    }
    const param = JSON.parse(String(body.msgParam)) as Record<string, unknown>;
    // sampleImageMsg: {photoURL} must be a picture's address.
    const photo = body.msgKey === 'sampleImageMsg' ? param.photoURL : undefined;
    const problem =
      body.msgKey === 'sampleImageMsg' && !/^https?:\/\//.test(String(photo ?? ''))
        ? 'photoURL missing'
        : await this.pictureProblem([
            ...(typeof photo === 'string' ? [photo] : []),
            ...markdownPictures(String(param.text ?? '')),
          ]);
    if (problem) {
      this.rejected.push({ api, at: this.now(), body, errcode: 'invalidParameter', errmsg: problem });
      res.status(400).json({ code: 'invalidParameter', message: problem });
      return;
    }
    this.accept(api, body, JSON.stringify(body[toField]));
    res.json({ processQueryKey: randomBytes(8).toString('hex') });
  }

  /** Fetches the message's markdown pictures (when fetchPictures is on); false after refusing it. */
  private async picturesOk(req: Request, res: Response, api: string, to: string): Promise<boolean> {
    const body = req.body as { msgtype?: string; markdown?: { text?: string } };
    const urls = body.msgtype === 'markdown' ? markdownPictures(String(body.markdown?.text ?? '')) : [];
    const problem = await this.pictureProblem(urls);
    if (problem) this.refuse(res, api, 40035, problem, req.body, to);
    return problem === null;
  }

  private async pictureProblem(urls: string[]): Promise<string | null> {
    if (!this.fetchPictures) return null;
    for (const url of urls) {
      const got = await fetch(url).then(
        async (r) => ({
          status: r.status,
          type: r.headers.get('content-type') ?? '',
          size: (await r.arrayBuffer()).byteLength,
        }),
        () => ({ status: 0, type: '', size: 0 }),
      );
      this.pictures.push({ url, status: got.status, contentType: got.type, bytes: got.size });
      if (got.status !== 200 || !got.type.startsWith('image/'))
        return `picture did not load: ${url} (${got.status})`;
    }
    return null;
  }

  private messageOk(req: Request, res: Response, api: string, to: string): boolean {
    const body = req.body as Record<string, unknown>;
    const type = String(body.msgtype);
    const ok =
      (type === 'text' && typeof (body.text as { content?: unknown })?.content === 'string') ||
      (type === 'markdown' && typeof (body.markdown as { text?: unknown })?.text === 'string') ||
      (type === 'actionCard' && actionCardOk(body.actionCard));
    if (!ok) this.refuse(res, api, 40035, 'invalid message body', body, to);
    return ok;
  }
}

/** An actionCard has text and either a single button (singleTitle + singleURL) or a non-empty btns. */
function actionCardOk(raw: unknown): boolean {
  const card = (raw ?? {}) as {
    text?: unknown;
    singleTitle?: unknown;
    singleURL?: unknown;
    btns?: unknown[];
  };
  if (typeof card.text !== 'string') return false;
  return (typeof card.singleTitle === 'string' && typeof card.singleURL === 'string') || !!card.btns?.length;
}

/** The picture URLs of a markdown text: `![caption](url)`. */
export function markdownPictures(text: string): string[] {
  return [...text.matchAll(/!\[[^\]]*\]\((https?:\/\/[^)\s]+)\)/g)].map((m) => m[1]);
}
