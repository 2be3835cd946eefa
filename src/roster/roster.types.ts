import type { PersonStatus } from './roster.fields';
import type {
  AccountPlatform,
  EnterpriseKind,
  GroupPurpose,
  ProblemKind,
  Role,
  UnitKind,
} from '../entities/enums';
import type { SheetName } from './roster.sheets';

/** One data row as read: cells keyed by normalized header, `row` is the 1-based spreadsheet row (header = 1). */
export interface RawRow {
  sheet: SheetName;
  row: number;
  cells: Record<string, string>;
}

export interface RawSheet {
  name: SheetName;
  /** Normalized headers of row 1, in order. */
  headers: string[];
  rows: RawRow[];
}

/** What the reader found; absent sheets are simply missing (the validator decides whether that is an error). */
export type RawRoster = Partial<Record<SheetName, RawSheet>>;

/** One problem in the roster; `message` is the full Chinese line a person reads. */
export interface RosterError {
  sheet: SheetName;
  /** Spreadsheet row (header = 1), or null for a problem with the whole sheet. */
  row: number | null;
  column: string | null;
  message: string;
}

export interface RosterUnit {
  row: number;
  name: string;
  kind: UnitKind;
  parentName: string | null;
}

export interface RosterPerson {
  row: number;
  name: string;
  mobile: string;
  unitName: string;
  roles: Role[];
  wecomUserId: string | null;
  dingtalkUserId: string | null;
  /** Credit code of the enterprise a contact speaks for. */
  enterpriseCode: string | null;
  /** 人员.状态 (empty = 在岗). */
  status: PersonStatus;
}

export interface RosterEnterprise {
  row: number;
  name: string;
  shortName: string | null;
  creditCode: string;
  districtName: string;
  industry: string | null;
  kind: EnterpriseKind;
  /** 每月走访次数: the firm's own monthly contact target (key firms); null = the default rule. */
  contactTarget: number | null;
}

export interface RosterPairing {
  row: number;
  cadreMobile: string;
  enterpriseCode: string;
}

export interface RosterCategory {
  row: number;
  name: string;
  kind: ProblemKind;
  leadUnitName: string;
  timeLimitDays: number;
  keywords: string[];
}

export interface RosterGroupChat {
  row: number;
  platform: AccountPlatform;
  chatId: string;
  purpose: GroupPurpose;
  enterpriseCode: string | null;
  unitName: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
}

export interface RosterHoliday {
  row: number;
  date: string;
  kind: 'off' | 'work';
  name: string;
}

/** A validated roster, every reference resolved to a natural key. */
export interface Roster {
  units: RosterUnit[];
  people: RosterPerson[];
  enterprises: RosterEnterprise[];
  pairings: RosterPairing[];
  categories: RosterCategory[];
  groupChats: RosterGroupChat[];
  holidays: RosterHoliday[];
}

/** Natural keys already in the database, so an incremental roster may refer to them. */
export interface ExistingRoster {
  units: Map<string, { kind: UnitKind; parentName: string | null }>;
  /** mobile → roles */
  people: Map<string, Role[]>;
  /** credit code → names */
  enterprises: Map<string, { name: string; shortName: string | null }>;
  /** `${platform}:${account}` → mobile of the person holding it */
  accounts: Map<string, string>;
}

/** An empty database. */
export function emptyExisting(): ExistingRoster {
  return { units: new Map(), people: new Map(), enterprises: new Map(), accounts: new Map() };
}

export type ValidationResult = { ok: true; roster: Roster } | { ok: false; errors: RosterError[] };
