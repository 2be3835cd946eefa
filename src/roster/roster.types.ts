import type { Role, UnitKind } from '../entities/enums';
import type { RowOf } from './column';
import type {
  CATEGORIES,
  ENTERPRISES,
  GROUP_CHATS,
  HOLIDAYS,
  PAIRINGS,
  PEOPLE,
  SheetName,
  UNITS,
} from './roster.sheets';

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

/** The validated rows of each sheet, as its column declarations in `roster.sheets.ts` read them. */
export type RosterUnit = RowOf<typeof UNITS>;
export type RosterPerson = RowOf<typeof PEOPLE>;
export type RosterEnterprise = RowOf<typeof ENTERPRISES>;
export type RosterPairing = RowOf<typeof PAIRINGS>;
export type RosterCategory = RowOf<typeof CATEGORIES>;
export type RosterGroupChat = RowOf<typeof GROUP_CHATS>;
export type RosterHoliday = RowOf<typeof HOLIDAYS>;

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
