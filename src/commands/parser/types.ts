import type { Role, SessionOutcome, Verdict, VisitMethod } from '../../entities/enums';
import type { IsoDate } from '../../lib/time';

/** What the parser may know about the sender and the chat; it never reads a clock or a database. */
export interface ParseContext {
  roles: Role[];
  /** The enterprise bound to the group chat the message came from, if any. */
  groupEnterprise: { id: string; name: string } | null;
  /** Today in Asia/Shanghai, `YYYY-MM-DD`. */
  today: IsoDate;
  inGroup: boolean;
}

/** 登记走访. `enterprise` is the firm as typed (a matcher resolves it); `enterpriseId` is the group's firm. */
export interface VisitCommand {
  name: 'visit';
  enterprise: string | null;
  enterpriseId: string | null;
  date: IsoDate;
  /** The words the date was read from, or null when it defaulted to today. */
  dateText: string | null;
  method: VisitMethod;
  summary: string;
  problem: string | null;
}

/** 上报问题 / 反映诉求. `category` is the word the sender gave; the catalogue match is done later. */
export interface ReportCommand {
  name: 'report';
  enterprise: string | null;
  enterpriseId: string | null;
  category: string | null;
  kind: 'problem' | 'request';
  description: string;
}

/** 发布政策: the labelled parts as typed (标题、发文单位、摘要、链接、范围、咨询单位); resolved by the service. */
export interface PolicyDraft {
  title?: string;
  issuer?: string;
  summary?: string;
  link?: string;
  scope?: string;
  contactUnit?: string;
}

/** 现场办公: the firm as typed, the day, the place, the presiding leader (default: the sender), invited units. */
export interface ScheduleSessionCommand {
  name: 'scheduleSession';
  enterprise: string;
  date: IsoDate;
  place: string;
  presiding: string | null;
  units: string[];
}

/** 现场解决 / 限期解决 / 不能解决 on one problem at an on-site session. */
export interface SessionOutcomeCommand {
  name: 'sessionOutcome';
  code: string;
  outcome: SessionOutcome;
  deadline: IsoDate | null;
  unit: string | null;
  note: string;
}

/** Problem actions take an optional code: null means "the problem in the conversation's context". */
type ProblemCode = string | null;

export type Command =
  | VisitCommand
  | ReportCommand
  | { name: 'myEnterprises' }
  | { name: 'myTasks' }
  | { name: 'show'; code: string }
  | { name: 'accept'; code: ProblemCode }
  | { name: 'transfer'; code: ProblemCode; unit: string }
  | { name: 'coHandle'; code: ProblemCode; unit: string }
  | { name: 'return'; code: ProblemCode; reason: string }
  | { name: 'answer'; code: ProblemCode; text: string }
  | { name: 'extend'; code: ProblemCode; days: number; reason: string }
  | { name: 'rate'; code: ProblemCode; verdict: Verdict; comment: string | null }
  | { name: 'rateProxy'; code: ProblemCode; verdict: Verdict; comment: string | null }
  | { name: 'withdraw'; code: ProblemCode; reason: string | null }
  | { name: 'urge'; code: ProblemCode }
  | { name: 'supervise'; code: ProblemCode }
  | { name: 'decideExtension'; code: ProblemCode; approve: boolean; reason: string | null }
  | { name: 'deliver'; code: ProblemCode }
  | { name: 'qualityAnswer'; code: string; solved: boolean }
  | { name: 'confirmVisit'; id: string | null }
  | { name: 'rateCadre'; score: number; comment: string | null }
  | { name: 'bind'; mobile: string; code: string | null }
  | { name: 'decideBinding'; requestNo: number; approve: boolean }
  | { name: 'unbind'; mobile: string }
  | { name: 'bindGroup'; enterprise: string }
  | { name: 'help' }
  | { name: 'cancel' }
  | { name: 'choice'; index: number }
  | { name: 'publishPolicy'; draft: PolicyDraft }
  | { name: 'policyReport'; number: number }
  | { name: 'ackPolicy'; number: number | null }
  | { name: 'consultPolicy'; number: number | null; question: string }
  | ScheduleSessionCommand
  | SessionOutcomeCommand
  | { name: 'leaderStats'; period: 'month' | 'week' }
  | { name: 'leaderRankings' }
  | { name: 'overdueList' }
  | { name: 'openListed'; index: number }
  | { name: 'contactShortfall' }
  | { name: 'firmLookup'; enterprise: string };

export type CommandName = Command['name'];

/** Why a recognised command was refused although nothing was missing. */
export type ParseErrorCode =
  'future_date' | 'invalid_date' | 'invalid_mobile' | 'score_out_of_range' | 'invalid_code' | 'invalid_days';

export type ParseResult =
  | { ok: true; command: Command }
  | {
      ok: false;
      command: CommandName | null;
      /** Names of the missing parts, e.g. `['enterprise']`; empty when `error` says what is wrong. */
      missing: string[];
      /** What was understood so far, so a dialogue can ask only for the missing parts. */
      partial?: Partial<Command>;
      /** What to type, in Chinese, with an example. */
      hint: string;
      error?: ParseErrorCode;
    }
  | { ok: false; command: null; unknown: true };

/** A parser for one family of commands: null when the text is not one of its commands. */
export type CommandParser = (text: string, ctx: ParseContext) => ParseResult | null;
