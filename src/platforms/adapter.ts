import type { Request, Response, Router } from 'express';
import type { Redis } from 'ioredis';
import type { InboundMessage } from '../bot/inbound-message';
import type { Config } from '../config';
import type { Clock } from '../lib/clock';
import type { OutboundPayload } from '../outbox/outbound-payload';
import type { OutboxRow, RobotRow } from '../outbox/outbox.repository';
import type { ReceiverKit } from './kit/receiver-kit';
import type { CallbackRoute } from './kit/callback-route';

/** The account namespace of a platform's user ids (adapters may share one): the registry's answer, passed in. */
export type AccountNamespaceOf = (platform: string) => string;

/** The receiving adapter of a platform, looked up by name (the registry's `Platforms`). */
export interface AdapterLookup {
  adapter(platform: string): PlatformAdapter;
}

/**
 * Where one outbound message goes: a channel the adapter owns, its target, and extra payload fields
 * the adapter reads back when it plans the row (a fallback route, a card's response code …).
 */
export interface SendTarget {
  channel: string;
  target: string;
  extra?: Record<string, unknown>;
}

/** How to send one outbox row: the rate-limit identity and the ordered parts. */
export interface SendPlan {
  /** Rate-limiter key (never a secret), or null where no per-robot limit applies. */
  robot: string | null;
  parts: (() => Promise<void>)[];
}

/** What an adapter may ask of the outbox while it plans a row. */
export interface PlanContext {
  clock: Clock;
  /** Plans a row of any adapter's channel: a fallback to another route (the same message, another way). */
  replan(row: OutboxRow): Promise<SendPlan>;
  /** The bytes and signed URLs of a payload's attachments; absent where none are stored. */
  media?: MediaAccess;
}

/** A stored attachment (media_asset) as an adapter sends it. */
export interface StoredMedia {
  id: string;
  kind: 'image' | 'file';
  filename: string;
  contentType: string;
  bytes: Buffer;
  md5: string;
}

/** Where attachments come from: the outbox reads them once for every adapter. */
export interface MediaAccess {
  find(id: string): Promise<StoredMedia | null>;
  /** The signed, expiring URL a platform fetches the bytes from; null without a public address. */
  url(id: string): string | null;
  logger?: { warn(obj: object, msg: string): void };
}

/** What an adapter is built from: the settings and the shared technology (token caches live in Redis). */
export interface AdapterDeps {
  config: Config;
  redis: Redis;
  clock: Clock;
  /** Redis key prefix (the queue prefix) for token caches. */
  prefix: string;
  /** Bound group chats with a push robot (group_chat), read through the outbox repository. */
  robots: RobotDirectory;
}

/** The bound group chats an adapter may push to. */
export interface RobotDirectory {
  /** The group_chat row behind an id, or null. */
  findRobot(groupChatId: string): Promise<RobotRow | null>;
  /** The group_chat row id of a chat when it is bound and has a push robot, else null. */
  robotOfChat(accounts: string, chatId: string): Promise<string | null>;
}

/** Confirms a mobile with the platform's member directory (绑定); null when it cannot tell. */
export interface MemberDirectory {
  mobileOf(userId: string): Promise<string | null>;
}

/**
 * One platform's sending side and accounts: plan its channels (render, split, call the client),
 * pick reply routes, reach an account 1:1 or a bound group, read its member directory. Its
 * receiving side is PlatformModule.receiver. The core only sees these interfaces.
 */
export interface PlatformAdapter {
  /** `InboundMessage.platform` of the messages it receives, e.g. `wecom_bot`. */
  readonly name: string;
  /** Account namespace of its user ids (person_account.platform, group_chat.platform). */
  readonly accounts: string;
  /** What people call the platform, in replies: 企业微信, 钉钉 … */
  readonly label: string;
  /** Outbound channels it plans (outbound_message.channel). */
  readonly channels: readonly string[];
  /** Whether it can send now (its settings are present). */
  readonly sends: boolean;
  /** The plan for a row of one of its channels; throws PermanentError when it can never be sent. */
  plan(row: OutboxRow, payload: OutboundPayload, ctx: PlanContext): Promise<SendPlan>;
  /** Where reply number `seq` to a message it received goes, or null for nowhere. */
  replyTarget(msg: InboundMessage, seq: number): Promise<SendTarget | null>;
  /** Where a 1:1 to the sender of a message it received goes. */
  privateTarget(msg: InboundMessage): SendTarget;
  /** Marks a pressed card button as done, where the platform can (else null). */
  readonly pressedTarget?: (msg: InboundMessage, label: string) => SendTarget | null;
  /** How to reach an account of its namespace 1:1 (absent: it does not send 1:1). */
  readonly directTarget?: (accountId: string) => SendTarget;
  /** How to push to a bound group chat of its namespace through the group's robot. */
  readonly groupTarget?: (groupChatId: string) => SendTarget;
  /** Its member directory for 绑定, when its settings allow reading it. */
  readonly directory?: MemberDirectory | null;
}

/** A platform as the registry lists it: its name and how to build its adapter. */
export interface PlatformModule {
  /** The adapter's `name`. */
  readonly name: string;
  /** The adapter's account namespace. */
  readonly accounts: string;
  /**
   * Its callback routes (verify, parse to the common message, hand to intake), or null when its
   * settings are absent (the routes then fall through to 404).
   */
  receiver(kit: ReceiverKit): Router | null;
  /**
   * Whether these settings let it write to an account 1:1 (absent: it never does), without building it:
   * the doctor asks who is reachable before anything connects.
   */
  readonly sendsDirect?: (config: Config) => boolean;

  /**
   * The same routes as plain handlers, when it has them: served by node:http ahead of express (no
   * router, no body parser on the acknowledgement path). Null when its settings are absent.
   */
  callbacks?(kit: ReceiverKit): CallbackRoute[] | null;
  /**
   * Its place in the roster workbook (the contract): the 人员 column that fills its account namespace
   * (`accountField`: the validated row's field) and the word 群聊.平台 uses for it. One module per
   * namespace gives it; absent: the roster does not name the platform.
   */
  readonly roster?: RosterPlace;
  /** Its sign-in to the web console (routes under /console/auth), when it offers one. */
  consoleLogin?(kit: ConsoleLoginKit): ConsoleLogin;
  /** Its sending side and account resolution. */
  create(deps: AdapterDeps): PlatformAdapter;
}

/** Why a console sign-in failed, as the login page explains it (web/src/login-errors.ts). */
export type LoginFailure = 'state' | 'code' | 'unknown_user' | 'platform' | 'token' | 'off';

/** What the console gives a platform's sign-in routes (`src/console/login.routes.ts` builds it). */
export interface ConsoleLoginKit {
  readonly config: Config;
  readonly redis: Redis;
  readonly clock: Clock;
  /** A one-use state bound to this browser by a cookie, for a redirect that comes back with it. */
  issueState(req: Request, res: Response): Promise<string>;
  /** True when `state` is the one issued to this browser (used up; its cookie is cleared either way). */
  consumeState(req: Request, res: Response, state: string): Promise<boolean>;
  /**
   * Signs the browser in as the roster person holding the account `userIdOf` names (null: the platform
   * says not a member) in `namespace`, the session marked `via`; returns why not, or null when signed in.
   */
  signIn(
    req: Request,
    res: Response,
    login: { namespace: string; via: string; userIdOf: () => Promise<string | null> },
  ): Promise<LoginFailure | null>;
  /** Answers a JSON sign-in with a failure. */
  fail(res: Response, status: number, reason: LoginFailure): void;
  /** Sends a redirected sign-in back to the login page with a failure. */
  back(res: Response, reason: LoginFailure): void;
  /** False (answered 415) unless the request is JSON, which a cross-site form cannot send. */
  jsonOnly(req: Request, res: Response): boolean;
}

/** A platform's console sign-in. */
export interface ConsoleLogin {
  /** Its fields of GET /console/auth/config (whether it is on, what the login page needs). */
  readonly config: Record<string, unknown>;
  /** Its routes under /console/auth; they answer `off` when its settings are absent. */
  readonly routes: Router;
}

/** A platform's columns and words in the roster workbook. */
export interface RosterPlace {
  accountColumn: string;
  accountField: `${string}UserId`;
  chatPlatform: string;
}
