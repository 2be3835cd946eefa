import { z } from 'zod';

/** A WeCom self-built app, present only when all of its settings are. */
export interface WecomAppConfig {
  corpId: string;
  agentId: string;
  secret: string;
  token: string;
  encodingAesKey: string;
}

/** The WeCom 智能机器人 (JSON callbacks, receive id ""). */
export interface WecomBotConfig {
  token: string;
  encodingAesKey: string;
}

export interface DingtalkConfig {
  appKey: string;
  appSecret: string;
}

export interface TierThresholds {
  /** A problem due within this many working days is 蓝. */
  blueWithinDays: number;
  /** Overdue by more than this many working days is 红 (less is 黄). */
  redOverdueDays: number;
  /** This many redos make a problem 红 (one redo makes it 黄). */
  redRedoCount: number;
}

/** Settings of the ledger's follow-up: rating reminders, 逾期未评价 and ranking floors. */
export interface FollowUpRules {
  /** Working days after an answer before the enterprise (or cadre, for 代评) is reminded to rate. */
  rateReminderDays: number;
  /** Working days after an answer before an unrated problem closes as 逾期未评价. */
  rateTimeoutDays: number;
  /** A unit or district needs at least this many problems in the period to be on 红榜/黑榜. */
  rankingMinProblems: number;
}

export const DEFAULT_FOLLOW_UP: FollowUpRules = {
  rateReminderDays: 3,
  rateTimeoutDays: 10,
  rankingMinProblems: 3,
};

export interface Config {
  port: number;
  databaseUrl: string;
  redisUrl: string;
  adminToken: string | null;
  /** Bearer token for /metrics; null: /metrics is served to localhost only. */
  metricsToken: string | null;
  /** Inbound and outbound message rows older than this many days are pruned daily. */
  retentionDays: number;
  wecom: WecomAppConfig | null;
  wecomBot: WecomBotConfig | null;
  wecomApiBase: string;
  dingtalk: DingtalkConfig | null;
  dingtalkApiBase: string;
  dingtalkOapiBase: string;
  callbackMaxSkewSeconds: number;
  logLevel: string;
  queuePrefix: string;
  tiers: TierThresholds;
  followUp: FollowUpRules;
  /** Share of withdrawn/closed problems that get a private 撤单质检 follow-up (0..1). */
  qualityCheckRate: number;
  /** Where WeCom's OAuth2 authorize page lives (open.weixin.qq.com; tests point it at a fake). */
  wecomOauthBase: string;
  /** Where WeCom's QR web login page lives (login.work.weixin.qq.com), for desktop browsers. */
  wecomLoginBase: string;
  /** The web console's sessions and the demo's "choose who you are" page. */
  console: ConsoleConfig;
  /** SIGTERM: how long in-flight requests and running jobs may take before the process exits. */
  shutdownTimeoutMs: number;
  /** BullMQ job lock (and stalled check) period: a killed worker's jobs run elsewhere after ≈ 2 of these. */
  jobLockMs: number;
  /**
   * The HTTPS address people and platforms reach this service at (no trailing slash): digests link
   * to the console there, and DingTalk fetches chart images from its signed `/media/...` URLs.
   */
  publicBaseUrl: string | null;
  /** Signs `/media/...` URLs (HMAC-SHA256); null: no media route, DingTalk gets no pictures. */
  mediaUrlSecret: string | null;
  /** Notes for the operator: which platforms are off and why. */
  notices: string[];
}

export interface ConsoleConfig {
  /** A session unused this long is gone (minutes). */
  sessionIdleMinutes: number;
  /** The demo's pick-a-person sign-in; refused when NODE_ENV=production. */
  demoLogin: boolean;
  /** DingTalk's corpId, which the H5 page needs to ask DingTalk for an authCode. */
  dingtalkCorpId: string | null;
}

/** Thrown when a setting is present but malformed; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Setting ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const AES_KEY = /^[A-Za-z0-9]{43}$/;

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function parse<T>(env: Env, name: string, schema: z.ZodType<T>, fallback: string): T {
  const raw = read(env, name) ?? fallback;
  const result = schema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(name, `is malformed (${JSON.stringify(raw)}): ${result.error.issues[0]?.message}`);
  }
  return result.data;
}

const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL starting with ${protocols.join(' or ')}//`,
  );
const httpBase = url(['http:', 'https:']).transform((v) => v.replace(/\/+$/, ''));

/**
 * Reads a platform's group of settings: all absent → null (platform off, noted once);
 * some present → the missing ones are named; malformed → named. Exported as `readSettingsGroup`
 * for a platform that reads its own settings in its folder (see README, "Adding a platform").
 */
function group<K extends string>(
  env: Env,
  label: string,
  names: Record<K, string>,
  check: Partial<Record<K, (v: string) => string | null>>,
  notices: string[],
): Record<K, string> | null {
  const entries = Object.entries(names) as [K, string][];
  const present = entries.filter(([, v]) => read(env, v) !== undefined);
  if (present.length === 0) {
    notices.push(`${label} is off: ${entries.map(([, v]) => v).join(', ')} not set`);
    return null;
  }
  const missing = entries.filter(([, v]) => read(env, v) === undefined);
  if (missing.length > 0) {
    throw new ConfigError(missing[0][1], `is missing while other ${label} settings are set`);
  }
  const out = {} as Record<K, string>;
  for (const [key, variable] of entries) {
    const value = read(env, variable) as string;
    const problem = check[key]?.(value);
    if (problem) throw new ConfigError(variable, problem);
    out[key] = value;
  }
  return out;
}

/**
 * A platform's own settings group, read in its folder and handed to its registry entry, so a new
 * platform needs no edit here: null when none of them is set (the notice says so), ConfigError naming
 * the variable when one is missing or fails its check.
 */
export function readSettingsGroup<K extends string>(
  env: Env,
  label: string,
  names: Record<K, string>,
  check: Partial<Record<K, (v: string) => string | null>> = {},
  notices: string[] = [],
): Record<K, string> | null {
  return group(env, label, names, check, notices);
}

const aesKeyCheck = (v: string) => (AES_KEY.test(v) ? null : 'must be 43 characters of a-z, A-Z, 0-9');

/** Reads and validates the settings once; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const notices: string[] = [];
  const wecom = group(
    env,
    'WeCom app',
    {
      corpId: 'WECOM_CORP_ID',
      agentId: 'WECOM_AGENT_ID',
      secret: 'WECOM_SECRET',
      token: 'WECOM_TOKEN',
      encodingAesKey: 'WECOM_ENCODING_AES_KEY',
    },
    {
      agentId: (v) => (/^\d+$/.test(v) ? null : 'must be a number'),
      encodingAesKey: aesKeyCheck,
    },
    notices,
  );
  const wecomBot = group(
    env,
    'WeCom 智能机器人',
    { token: 'WECOM_BOT_TOKEN', encodingAesKey: 'WECOM_BOT_ENCODING_AES_KEY' },
    { encodingAesKey: aesKeyCheck },
    notices,
  );
  const dingtalk = group(
    env,
    'DingTalk',
    { appKey: 'DINGTALK_APP_KEY', appSecret: 'DINGTALK_APP_SECRET' },
    {},
    notices,
  );

  const adminToken = read(env, 'ADMIN_TOKEN') ?? null;
  if (adminToken !== null && adminToken.length < 16) {
    throw new ConfigError('ADMIN_TOKEN', 'is too short: use at least 16 characters');
  }

  const metricsToken = read(env, 'METRICS_TOKEN') ?? null;
  if (metricsToken !== null && metricsToken.length < 16) {
    throw new ConfigError('METRICS_TOKEN', 'is too short: use at least 16 characters');
  }

  const mediaUrlSecret = read(env, 'MEDIA_URL_SECRET') ?? null;
  if (mediaUrlSecret !== null && mediaUrlSecret.length < 16) {
    throw new ConfigError('MEDIA_URL_SECRET', 'is too short: use at least 16 characters');
  }
  const publicBaseRaw = read(env, 'PUBLIC_BASE_URL');
  const publicBaseUrl = publicBaseRaw === undefined ? null : parse(env, 'PUBLIC_BASE_URL', httpBase, '');
  if (publicBaseUrl && !mediaUrlSecret) {
    notices.push(
      'charts reach DingTalk only with MEDIA_URL_SECRET set (PUBLIC_BASE_URL is set, the secret is not)',
    );
  }

  const demoLogin = parse(env, 'CONSOLE_DEMO_LOGIN', z.enum(['0', '1', 'true', 'false']), '0');
  const demoOn = demoLogin === '1' || demoLogin === 'true';
  if (demoOn && read(env, 'NODE_ENV') === 'production') {
    throw new ConfigError(
      'CONSOLE_DEMO_LOGIN',
      'must be off when NODE_ENV=production (anyone could sign in as anyone)',
    );
  }

  return {
    port: parse(env, 'PORT', intIn(0, 65535), '3000'),
    databaseUrl: parse(
      env,
      'DATABASE_URL',
      url(['postgres:', 'postgresql:']),
      'postgres://postgres@127.0.0.1:5432/qinshang',
    ),
    redisUrl: parse(env, 'REDIS_URL', url(['redis:', 'rediss:']), 'redis://127.0.0.1:6379'),
    adminToken,
    metricsToken,
    retentionDays: parse(env, 'MESSAGE_RETENTION_DAYS', intIn(1, 3650), '90'),
    wecom,
    wecomBot,
    wecomApiBase: parse(env, 'WECOM_API_BASE', httpBase, 'https://qyapi.weixin.qq.com'),
    dingtalk,
    dingtalkApiBase: parse(env, 'DINGTALK_API_BASE', httpBase, 'https://api.dingtalk.com'),
    dingtalkOapiBase: parse(env, 'DINGTALK_OAPI_BASE', httpBase, 'https://oapi.dingtalk.com'),
    callbackMaxSkewSeconds: parse(env, 'CALLBACK_MAX_SKEW_SECONDS', intIn(0, 86400), '300'),
    logLevel: parse(
      env,
      'LOG_LEVEL',
      z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']),
      'info',
    ),
    queuePrefix: parse(
      env,
      'QUEUE_PREFIX',
      z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and -'),
      'qinshang',
    ),
    tiers: {
      blueWithinDays: parse(env, 'TIER_BLUE_WITHIN_DAYS', intIn(0, 30), '1'),
      redOverdueDays: parse(env, 'TIER_RED_OVERDUE_DAYS', intIn(0, 60), '3'),
      redRedoCount: parse(env, 'TIER_RED_REDO_COUNT', intIn(1, 10), '2'),
    },
    followUp: followUp(env),
    qualityCheckRate: parse(env, 'QUALITY_CHECK_RATE', z.coerce.number().min(0).max(1), '0.2'),
    wecomOauthBase: parse(env, 'WECOM_OAUTH_BASE', httpBase, 'https://open.weixin.qq.com'),
    wecomLoginBase: parse(env, 'WECOM_LOGIN_BASE', httpBase, 'https://login.work.weixin.qq.com'),
    console: {
      sessionIdleMinutes: parse(env, 'CONSOLE_SESSION_IDLE_MINUTES', intIn(1, 24 * 60), '30'),
      demoLogin: demoOn,
      dingtalkCorpId: read(env, 'DINGTALK_CORP_ID') ?? null,
    },
    shutdownTimeoutMs: parse(env, 'SHUTDOWN_TIMEOUT_MS', intIn(1000, 600_000), '10000'),
    jobLockMs: parse(env, 'JOB_LOCK_MS', intIn(2000, 600_000), '30000'),
    publicBaseUrl,
    mediaUrlSecret,
    notices,
  };
}

function followUp(env: Env): FollowUpRules {
  const rules: FollowUpRules = {
    rateReminderDays: parse(
      env,
      'RATING_REMINDER_DAYS',
      intIn(1, 60),
      String(DEFAULT_FOLLOW_UP.rateReminderDays),
    ),
    rateTimeoutDays: parse(
      env,
      'RATING_TIMEOUT_DAYS',
      intIn(1, 120),
      String(DEFAULT_FOLLOW_UP.rateTimeoutDays),
    ),
    rankingMinProblems: parse(
      env,
      'RANKING_MIN_PROBLEMS',
      intIn(1, 1000),
      String(DEFAULT_FOLLOW_UP.rankingMinProblems),
    ),
  };
  if (rules.rateTimeoutDays <= rules.rateReminderDays) {
    throw new ConfigError('RATING_TIMEOUT_DAYS', 'must be greater than RATING_REMINDER_DAYS');
  }
  return rules;
}
