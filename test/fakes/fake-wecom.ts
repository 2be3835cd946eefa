import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { FakeServer, isPngOrJpeg, readMultipart, RollingWindow, utf8Bytes } from './fake-server';

/** A 智能机器人 response_url: single use, valid one hour, markdown ≤ 20480 bytes (101138). */
const BOT_RESPONSE_TTL_MS = 60 * 60 * 1000;
const BOT_RESPONSE_BYTES = 20480;
/** media/upload (path/90253): every file > 5 bytes; image ≤ 10 MB JPG/PNG, file ≤ 20 MB; media_id valid 3 days. */
const UPLOAD_LIMITS: Record<string, number> = { image: 10 * 1024 * 1024, file: 20 * 1024 * 1024 };
const MEDIA_TTL_MS = 3 * 24 * 60 * 60 * 1000;
/** Group robot image: ≤ 2 MB before base64, JPG or PNG (path/99110). */
const WEBHOOK_IMAGE_BYTES = 2 * 1024 * 1024;

/** An uploaded temporary media item, as the fake keeps it. */
export interface FakeMedia {
  type: string;
  filename: string | null;
  bytes: Buffer;
  expiresAt: number;
  /** The robot key for webhook/upload_media, null for the app's media/upload. */
  key: string | null;
}

export interface FakeWecomOptions {
  corpId?: string;
  secret?: string;
  /** Known group robot keys (webhook/send?key=). */
  webhookKeys?: string[];
  /** Group robot limit: 20 per rolling minute by default, like the real one. */
  webhookLimit?: number;
  windowMs?: number;
  tokenTtlSeconds?: number;
  /** The self-built app's AgentId the web login page accepts (any numeric one when unset). */
  agentId?: string;
}

interface IssuedToken {
  expiresAt: number;
}

/**
 * A fake qyapi.weixin.qq.com that checks what the real one checks: gettoken credentials, token
 * validity (42001 expired / 40014 unknown), byte limits, the group robot's key and its
 * 20-per-minute limit (45009), single-use response_code and response_url.
 */
export class FakeWecom extends FakeServer {
  readonly corpId: string;
  readonly secret: string;
  readonly webhookKeys: Set<string>;
  tokenCalls = 0;
  /** When set, gettoken hands out tokens that are already expired (a platform revoking tokens early). */
  issueExpiredTokens = false;
  /** message/send repeats WeCom dropped because of enable_duplicate_check. */
  readonly duplicates: Record<string, unknown>[] = [];
  /** The member directory user/get answers from: userid → mobile ('' = the app may not read mobiles). */
  readonly directory = new Map<string, string>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly responseCodes = new Set<string>();
  /** response_code → when it was issued (the fake's clock); single use, valid one hour. */
  private readonly botResponseCodes = new Map<string, number>();
  private readonly recentApp = new Map<string, number>();
  /** Uploaded media by media_id (media/upload and webhook/upload_media). */
  readonly media = new Map<string, FakeMedia>();
  private readonly window: RollingWindow;
  private readonly tokenTtlSeconds: number;
  /** OAuth2 codes issued by /connect/oauth2/authorize: code → user id and expiry (single use, 5 min). */
  private readonly oauthCodes = new Map<string, { userId: string; expiresAt: number }>();
  /** Who is "signed in to WeCom" in the browser that opens the authorize page (null: not a member). */
  oauthUser: string | null = null;
  private readonly agentId: string | null;

  constructor(opts: FakeWecomOptions = {}) {
    super();
    this.corpId = opts.corpId ?? 'wwfakecorp';
    this.secret = opts.secret ?? 'fake-secret';
    this.webhookKeys = new Set(opts.webhookKeys ?? ['robot-key-1']);
    this.window = new RollingWindow(opts.webhookLimit ?? 20, opts.windowMs ?? 60_000);
    this.tokenTtlSeconds = opts.tokenTtlSeconds ?? 7200;
    this.agentId = opts.agentId ?? null;
    this.routes();
  }

  /** Makes every issued token expire now (the next call answers 42001). */
  expireTokens(): void {
    for (const t of this.tokens.values()) t.expiresAt = this.now() - 1;
  }

  /** A ResponseCode as a template_card_event carries it (valid once for update_template_card). */
  issueResponseCode(): string {
    const code = randomBytes(8).toString('hex');
    this.responseCodes.add(code);
    return code;
  }

  /** A response_url for a 智能机器人 message, pointing at the real host like the platform sends it. */
  issueBotResponseUrl(): string {
    const code = randomBytes(12).toString('hex');
    this.botResponseCodes.set(code, this.now());
    return `https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=${code}`;
  }

  /** A webhook URL for a known key, on the real host like the roster stores it. */
  webhookUrl(key = [...this.webhookKeys][0]): string {
    return `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`;
  }

  /** Back to the app with a one-use code for `oauthUser` (none when nobody is signed in) and the state. */
  private returnWithCode(res: Response, redirectUri: string, state: string | undefined): void {
    const redirect = new URL(redirectUri);
    if (this.oauthUser !== null) {
      const code = randomBytes(16).toString('hex');
      this.oauthCodes.set(code, { userId: this.oauthUser, expiresAt: this.now() + 300_000 });
      redirect.searchParams.set('code', code);
    }
    if (state !== undefined) redirect.searchParams.set('state', state);
    res.redirect(302, redirect.toString());
  }

  private routes(): void {
    // open.weixin.qq.com: snsapi_base is silent, so the page redirects straight back with a code.
    this.app.get('/connect/oauth2/authorize', (req, res) => {
      const q = req.query as Record<string, string | undefined>;
      if (
        q.appid !== this.corpId ||
        q.response_type !== 'code' ||
        q.scope !== 'snsapi_base' ||
        !q.redirect_uri
      ) {
        this.rejected.push({ api: 'oauth2/authorize', at: this.now(), body: q, errcode: 'bad_request' });
        return res.status(400).type('text/plain').send('参数错误');
      }
      this.returnWithCode(res, q.redirect_uri, q.state);
    });

    // login.work.weixin.qq.com: the web login page. The real one shows a QR code and refuses a wrong
    // appid/agentid or a missing redirect_uri ("该链接无法访问"); here `oauthUser` has "scanned" it.
    // Allowed, it returns with code and state; refused (no member scanning), with the state only.
    this.app.get('/wwlogin/sso/login', (req, res) => {
      const q = req.query as Record<string, string | undefined>;
      const agentOk = this.agentId === null ? /^\d+$/.test(q.agentid ?? '') : q.agentid === this.agentId;
      if (q.login_type !== 'CorpApp' || q.appid !== this.corpId || !agentOk || !q.redirect_uri) {
        this.rejected.push({ api: 'wwlogin/sso/login', at: this.now(), body: q, errcode: 'bad_request' });
        return res.status(400).type('text/plain').send('该链接无法访问');
      }
      this.returnWithCode(res, q.redirect_uri, q.state);
    });

    this.app.get('/cgi-bin/auth/getuserinfo', (req, res) => {
      const api = 'auth/getuserinfo';
      if (!this.tokenOk(req, res, api)) return;
      const code = String(req.query.code ?? '');
      const issued = this.oauthCodes.get(code);
      this.oauthCodes.delete(code);
      if (!issued || issued.expiresAt <= this.now())
        return this.refuse(res, api, 40029, 'invalid code', req.query);
      res.json({
        errcode: 0,
        errmsg: 'ok',
        userid: issued.userId,
        user_ticket: randomBytes(8).toString('hex'),
      });
    });

    this.app.get('/cgi-bin/gettoken', (req, res) => {
      this.tokenCalls++;
      if (req.query.corpid !== this.corpId)
        return this.refuse(res, 'gettoken', 40013, 'invalid corpid', req.query);
      if (req.query.corpsecret !== this.secret) {
        return this.refuse(res, 'gettoken', 40001, 'invalid credential', req.query);
      }
      const token = randomBytes(32).toString('hex');
      const ttlMs = this.issueExpiredTokens ? -1 : this.tokenTtlSeconds * 1000;
      this.tokens.set(token, { expiresAt: this.now() + ttlMs });
      res.json({ errcode: 0, errmsg: 'ok', access_token: token, expires_in: this.tokenTtlSeconds });
    });

    this.app.get('/cgi-bin/user/get', (req, res) => {
      const api = 'user/get';
      if (!this.tokenOk(req, res, api)) return;
      const userId = String(req.query.userid ?? '');
      const mobile = this.directory.get(userId);
      if (mobile === undefined) return this.refuse(res, api, 60111, 'userid not found', req.query);
      // A lookup, not a message: recorded without a recipient (and without the token).
      this.accept(api, { userid: userId });
      // Since 2022 WeCom leaves mobile out unless the app may read it.
      res.json({ errcode: 0, errmsg: 'ok', userid: userId, name: userId, ...(mobile ? { mobile } : {}) });
    });

    this.app.post('/cgi-bin/message/send', (req, res) => {
      const api = 'message/send';
      if (!this.tokenOk(req, res, api)) return;
      const body = req.body as Record<string, unknown>;
      if (!body.touser || !body.agentid) return this.refuse(res, api, 40058, 'touser/agentid missing', body);
      if (!this.contentOk(req, res, api, 2048)) return;
      const dupKey = JSON.stringify([body.touser, body.msgtype, body[String(body.msgtype)]]);
      const last = this.recentApp.get(dupKey);
      const interval = Number(body.duplicate_check_interval ?? 1800) * 1000;
      if (body.enable_duplicate_check === 1 && last !== undefined && this.now() - last < interval) {
        this.duplicates.push(body);
        return res.json({ errcode: 0, errmsg: 'ok', msgid: 'dup' });
      }
      this.recentApp.set(dupKey, this.now());
      this.accept(api, body, String(body.touser));
      const reply: Record<string, unknown> = {
        errcode: 0,
        errmsg: 'ok',
        msgid: randomBytes(8).toString('hex'),
      };
      if (body.msgtype === 'template_card') {
        const code = randomBytes(8).toString('hex');
        this.responseCodes.add(code);
        reply.response_code = code;
      }
      res.json(reply);
    });

    this.app.post('/cgi-bin/appchat/send', (req, res) => {
      const api = 'appchat/send';
      if (!this.tokenOk(req, res, api)) return;
      if (!req.body.chatid) return this.refuse(res, api, 86003, 'chat not exist', req.body);
      if (!this.contentOk(req, res, api, 2048)) return;
      this.accept(api, req.body, String(req.body.chatid));
      res.json({ errcode: 0, errmsg: 'ok' });
    });

    this.app.post('/cgi-bin/media/upload', (req, res) => {
      const api = 'media/upload';
      if (!this.tokenOk(req, res, api)) return;
      const type = String(req.query.type ?? '');
      this.upload(req, res, api, type, null, UPLOAD_LIMITS[type]);
    });

    this.app.post('/cgi-bin/webhook/upload_media', (req, res) => {
      const api = 'webhook/upload_media';
      const key = String(req.query.key ?? '');
      if (!this.webhookKeys.has(key))
        return this.refuse(res, api, 93000, 'invalid webhook url, hint: [fake]', {}, key);
      const type = String(req.query.type ?? '');
      // The robot's upload takes files (5 B – 20 MB) and voice only.
      this.upload(req, res, api, type, key, type === 'file' ? 20 * 1024 * 1024 : undefined);
    });

    this.app.post('/cgi-bin/message/update_template_card', (req, res) => {
      const api = 'update_template_card';
      if (!this.tokenOk(req, res, api)) return;
      const code = String(req.body.response_code ?? '');
      if (!this.responseCodes.delete(code))
        return this.refuse(res, api, 40058, 'invalid response_code', req.body);
      this.accept(api, req.body);
      res.json({ errcode: 0, errmsg: 'ok' });
    });

    this.app.post('/cgi-bin/webhook/send', (req, res) => {
      const api = 'webhook/send';
      const key = String(req.query.key ?? '');
      const body = req.body as Record<string, unknown>;
      if (!this.webhookKeys.has(key)) {
        return this.refuse(res, api, 93000, 'invalid webhook url, hint: [fake]', body, key);
      }
      const limits: Record<string, number> = { text: 2048, markdown: 4096 };
      const type = String(body.msgtype);
      if (type === 'image') {
        const image = body.image as { base64?: string; md5?: string } | undefined;
        const bytes = Buffer.from(image?.base64 ?? '', 'base64');
        if (!image?.md5 || createHash('md5').update(bytes).digest('hex') !== image.md5) {
          return this.refuse(res, api, 40058, 'image md5 mismatch', body, key);
        }
        if (bytes.length > WEBHOOK_IMAGE_BYTES || !isPngOrJpeg(bytes)) {
          return this.refuse(res, api, 40009, 'invalid image size or type (JPG/PNG ≤ 2M)', body, key);
        }
      } else if (type === 'file') {
        const id = String((body.file as { media_id?: unknown } | undefined)?.media_id ?? '');
        const media = this.media.get(id);
        if (!media || media.key !== key || media.expiresAt <= this.now()) {
          return this.refuse(res, api, 40007, 'invalid media_id', body, key);
        }
      } else if (type in limits) {
        const content = (body[type] as { content?: unknown } | undefined)?.content;
        if (utf8Bytes(content) === 0) return this.refuse(res, api, 44004, 'empty content', body, key);
        if (utf8Bytes(content) > limits[type]) {
          return this.refuse(res, api, 40058, `${type}.content exceed max length ${limits[type]}`, body, key);
        }
      } else {
        return this.refuse(res, api, 40008, 'invalid message type', body, key);
      }
      if (!this.window.take(key, this.now()))
        return this.refuse(res, api, 45009, 'api freq out of limit', body, key);
      this.accept(api, body, key);
      res.json({ errcode: 0, errmsg: 'ok' });
    });

    this.app.post('/cgi-bin/aibot/response', (req, res) => {
      const api = 'aibot/response';
      const code = String(req.query.response_code ?? '');
      const issued = this.botResponseCodes.get(code);
      if (issued === undefined)
        return this.refuse(res, api, 40058, 'response_code used or unknown', req.body);
      if (this.now() - issued > BOT_RESPONSE_TTL_MS) {
        this.botResponseCodes.delete(code);
        return this.refuse(res, api, 40058, 'response_code expired', req.body);
      }
      const problem =
        req.body?.msgtype === 'template_card' ? templateCardProblem(req.body.template_card) : null;
      if (problem) return this.refuse(res, api, 40058, `invalid template_card: ${problem}`, req.body);
      const body = req.body as Record<string, unknown>;
      const type = String(body.msgtype);
      if (type === 'markdown') {
        const content = (body.markdown as { content?: unknown } | undefined)?.content;
        if (utf8Bytes(content) === 0) return this.refuse(res, api, 44004, 'empty content', body);
        if (utf8Bytes(content) > BOT_RESPONSE_BYTES) {
          return this.refuse(
            res,
            api,
            40058,
            `markdown.content exceed max length ${BOT_RESPONSE_BYTES}`,
            body,
          );
        }
      } else if (type !== 'template_card') {
        return this.refuse(res, api, 40008, 'invalid message type', body);
      }
      this.botResponseCodes.delete(code);
      this.accept(api, req.body);
      res.json({ errcode: 0, errmsg: 'ok' });
    });
  }

  /** Stores one multipart `media` part within the type's limit; answers like media/upload. */
  private upload(
    req: Request,
    res: Response,
    api: string,
    type: string,
    key: string | null,
    limit: number | undefined,
  ): void {
    void readMultipart(req).then((parts) => {
      const media = parts?.find((p) => p.name === 'media');
      const record = { type, filename: media?.filename ?? null, size: media?.data.length ?? 0 };
      if (limit === undefined)
        return this.refuse(res, api, 40004, 'invalid media type', record, key ?? undefined);
      if (!media || !media.filename)
        return this.refuse(res, api, 41001, 'media missing', record, key ?? undefined);
      if (media.data.length <= 5 || media.data.length > limit) {
        return this.refuse(res, api, 40006, 'invalid file size', record, key ?? undefined);
      }
      if (type === 'image' && !isPngOrJpeg(media.data)) {
        return this.refuse(res, api, 40005, 'invalid file type', record, key ?? undefined);
      }
      const mediaId = `m${randomBytes(12).toString('hex')}`;
      this.media.set(mediaId, {
        type,
        filename: media.filename,
        bytes: media.data,
        expiresAt: this.now() + MEDIA_TTL_MS,
        key,
      });
      this.accept(api, { ...record, media_id: mediaId }, key ?? undefined);
      res.json({
        errcode: 0,
        errmsg: 'ok',
        type,
        media_id: mediaId,
        created_at: String(Math.floor(this.now() / 1000)),
      });
    });
  }

  private tokenOk(req: Request, res: Response, api: string): boolean {
    const token = this.tokens.get(String(req.query.access_token ?? ''));
    if (!token) {
      this.refuse(res, api, 40014, 'invalid access_token', req.body);
      return false;
    }
    if (token.expiresAt <= this.now()) {
      this.refuse(res, api, 42001, 'access_token expired', req.body);
      return false;
    }
    return true;
  }

  /** text and markdown content within `limit` bytes; template cards as templateCardProblem checks. */
  private contentOk(req: Request, res: Response, api: string, limit: number): boolean {
    const body = req.body as Record<string, unknown>;
    const type = String(body.msgtype);
    if (type === 'text' || type === 'markdown') {
      const content = (body[type] as { content?: unknown } | undefined)?.content;
      if (utf8Bytes(content) === 0) {
        this.refuse(res, api, 44004, 'empty content', body);
        return false;
      }
      if (utf8Bytes(content) > limit) {
        this.refuse(res, api, 45002, `content size out of limit ${limit}`, body);
        return false;
      }
      return true;
    }
    if (type === 'image' || type === 'file') {
      const id = String((body[type] as { media_id?: unknown } | undefined)?.media_id ?? '');
      const media = this.media.get(id);
      if (!media || media.key !== null || media.type !== type || media.expiresAt <= this.now()) {
        this.refuse(res, api, 40007, 'invalid media_id', body);
        return false;
      }
      return true;
    }
    if (type === 'template_card' && api === 'message/send') {
      const problem = templateCardProblem(body.template_card);
      if (problem) {
        this.refuse(res, api, 40058, `invalid template_card: ${problem}`, body);
        return false;
      }
      return true;
    }
    this.refuse(res, api, 40008, 'invalid message type', body);
    return false;
  }
}

interface TemplateCardBody {
  card_type?: string;
  task_id?: string;
  main_title?: { title?: string };
  card_action?: { type?: number; url?: string; appid?: string };
  button_list?: { text?: string; key?: string }[];
  checkbox?: unknown;
  select_list?: unknown[];
}

/**
 * What WeCom's message/send refuses with 40058 in a template_card, per card type: text_notice and
 * news_notice need a card_action (type 1 url / 2 mini program); button_interaction needs a
 * non-empty button_list (≤ 6) whose buttons have text and key; interactive types need a task_id.
 * Null when the card is valid.
 */
export function templateCardProblem(raw: unknown): string | null {
  const card = (raw ?? {}) as TemplateCardBody;
  const taskId = card.task_id;
  const needsTask = ['button_interaction', 'vote_interaction', 'multiple_interaction'];
  switch (card.card_type) {
    case 'text_notice':
    case 'news_notice': {
      const a = card.card_action;
      if (!a || !((a.type === 1 && a.url) || (a.type === 2 && a.appid))) return 'card_action missing';
      break;
    }
    case 'button_interaction':
      if (!card.button_list?.length) return 'button_list empty';
      if (card.button_list.length > 6) return 'button_list over 6';
      if (card.button_list.some((b) => !b.text || !b.key)) return 'button without text or key';
      break;
    case 'vote_interaction':
      if (!card.checkbox) return 'checkbox missing';
      break;
    case 'multiple_interaction':
      if (!card.select_list?.length) return 'select_list empty';
      break;
    default:
      return `unknown card_type ${String(card.card_type)}`;
  }
  if (needsTask.includes(card.card_type) && (!taskId || !/^[A-Za-z0-9_\-@]{1,128}$/.test(taskId))) {
    return 'task_id missing or invalid';
  }
  return null;
}
