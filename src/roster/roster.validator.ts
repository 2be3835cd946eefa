import { EnterpriseIndex, PersonIndex, UnitIndex } from './roster-refs';
import {
  CATEGORIES,
  columnsOf,
  GROUP_CHATS,
  HOLIDAYS,
  SHEET_NAMES,
  sheetOf,
  type SheetName,
} from './roster.sheets';
import {
  emptyExisting,
  type ExistingRoster,
  type RawRoster,
  type Roster,
  type RosterError,
  type ValidationResult,
} from './roster.types';
import { validateEnterprises } from './validation/enterprises.validator';
import { validatePairings } from './validation/pairings.validator';
import { validatePeople } from './validation/people.validator';
import { readSheet } from './validation/read-sheet';
import { checkUnitParents, validateUnits } from './validation/units.validator';
import { ValidationContext } from './validation/validation-context';

/**
 * Checks a whole roster and resolves its references (to its own rows or to rows already in the database).
 * Pure: returns the validated roster, or every problem found, each naming sheet, row and column.
 */
export function validateRoster(raw: RawRoster, existing: ExistingRoster = emptyExisting()): ValidationResult {
  const ctx = new ValidationContext(existing);
  const usable = checkSheets(ctx, raw);
  const rows = (sheet: SheetName) => (usable.has(sheet) ? (raw[sheet]?.rows ?? []) : []);

  // Sheets in dependency order: each index is complete before the sheets that refer to it are read.
  const units = validateUnits(ctx, rows('单位'));
  ctx.units = new UnitIndex(existing, units);
  checkUnitParents(ctx, units);
  const enterprises = validateEnterprises(ctx, rows('企业'));
  ctx.enterprises = new EnterpriseIndex(existing, enterprises);
  const people = validatePeople(ctx, rows('人员'));
  ctx.people = new PersonIndex(existing, people);
  const roster: Roster = {
    units,
    people,
    enterprises,
    pairings: validatePairings(ctx, rows('包联')),
    // Sheets without rules of their own beyond their columns' (roster.sheets.ts).
    categories: readSheet(ctx, CATEGORIES, rows('问题类别')),
    groupChats: readSheet(ctx, GROUP_CHATS, rows('群聊')),
    holidays: readSheet(ctx, HOLIDAYS, rows('节假日')),
  };
  return ctx.errors.count ? { ok: false, errors: sorted(ctx.errors.list) } : { ok: true, roster };
}

/** Missing sheets and missing required columns; a sheet without its required columns is not read further. */
function checkSheets(ctx: ValidationContext, raw: RawRoster): Set<SheetName> {
  const usable = new Set<SheetName>();
  for (const name of SHEET_NAMES) {
    const sheet = raw[name];
    if (!sheet) {
      if (!sheetOf(name).optional) ctx.errors.sheet(name, `缺少工作表“${name}”`);
      continue;
    }
    const missing = columnsOf(name).filter((c) => c.required && !sheet.headers.includes(c.header));
    for (const column of missing) ctx.errors.sheet(name, '缺少必填列', column.header);
    if (missing.length === 0) usable.add(name);
  }
  return usable;
}

/** Sheet order of the workbook, then row order, so a person can work down the list. */
function sorted(errors: RosterError[]): RosterError[] {
  const order = (e: RosterError) => SHEET_NAMES.indexOf(e.sheet);
  return [...errors].sort((a, b) => order(a) - order(b) || (a.row ?? 0) - (b.row ?? 0));
}
