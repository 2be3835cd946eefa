import type { CellValue } from 'exceljs';

/**
 * The text of an xlsx cell. Numbers keep every digit (a mobile typed as a number reads 13812345678, not
 * 1.38e10), dates read as YYYY-MM-DD (exceljs gives date cells as UTC midnight), formulas read as their result.
 */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    return 'result' in value && value.result !== undefined ? cellText(value.result) : '';
  }
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text);
  if ('error' in value) return '';
  return '';
}
