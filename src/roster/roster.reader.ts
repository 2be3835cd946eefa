import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { cellText } from './cell-value';
import { normalizeCell, normalizeHeader, SHEET_NAMES, type SheetName } from './roster.sheets';
import type { RawRoster, RawRow, RawSheet } from './roster.types';

/** Reads a roster from an `.xlsx` workbook or a folder of `单位.csv`-style files. */
export async function readRoster(source: string): Promise<RawRoster> {
  const info = await stat(source);
  if (info.isDirectory()) return readCsvFolder(source);
  if (source.toLowerCase().endsWith('.xlsx')) return readWorkbook(await readFile(source));
  throw new Error(`not a roster: ${source} is neither an .xlsx workbook nor a folder of .csv files`);
}

/** Reads the sheets of an xlsx workbook (its bytes). Sheets with other names are ignored. */
export async function readWorkbook(bytes: Buffer | ArrayBuffer): Promise<RawRoster> {
  // exceljs (≈ 300 modules) is loaded by the import that uses it, not by every process that starts.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  // exceljs' typings predate Node's generic Buffer; the bytes are what it expects.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const roster: RawRoster = {};
  for (const worksheet of workbook.worksheets) {
    const name = sheetNameOf(worksheet.name);
    if (!name || roster[name]) continue;
    const grid: string[][] = [];
    worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = cellText(cell.value);
      });
      grid[rowNumber - 1] = Array.from(cells, (c) => c ?? '');
    });
    roster[name] = gridToSheet(
      name,
      Array.from(grid, (r) => r ?? []),
    );
  }
  return roster;
}

/** Reads `单位.csv`, `人员.csv`, … from a folder (UTF-8, with or without BOM). */
export async function readCsvFolder(dir: string): Promise<RawRoster> {
  const roster: RawRoster = {};
  for (const file of await readdir(dir)) {
    const ext = path.extname(file);
    if (ext.toLowerCase() !== '.csv') continue;
    const name = sheetNameOf(path.basename(file, ext));
    if (!name) continue;
    roster[name] = parseCsv(name, await readFile(path.join(dir, file), 'utf8'));
  }
  return roster;
}

/** Parses one sheet's CSV text. */
export function parseCsv(name: SheetName, text: string): RawSheet {
  const grid: string[][] = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false });
  return gridToSheet(name, grid);
}

function sheetNameOf(raw: string): SheetName | undefined {
  const name = raw.normalize('NFC').trim();
  return SHEET_NAMES.find((s) => s === name);
}

/** Row 1 is the header; wholly empty rows (trailing ones especially) are skipped but keep the numbering. */
export function gridToSheet(name: SheetName, grid: string[][]): RawSheet {
  const headers = (grid[0] ?? []).map((h) => normalizeHeader(h ?? ''));
  const rows: RawRow[] = [];
  for (let i = 1; i < grid.length; i++) {
    const values = (grid[i] ?? []).map((v) => normalizeCell(v ?? ''));
    if (values.every((v) => v === '')) continue;
    const cells: Record<string, string> = {};
    headers.forEach((header, col) => {
      if (header && !(header in cells && cells[header] !== '')) cells[header] = values[col] ?? '';
    });
    rows.push({ sheet: name, row: i + 1, cells });
  }
  return { name, headers: headers.filter((h) => h !== ''), rows };
}
