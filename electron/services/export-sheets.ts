import ExcelJS from 'exceljs';
import Papa from 'papaparse';

/**
 * Tabular exports (CSV and XLSX) shared by every area that exports a table. Text cells that a spreadsheet would read
 * as a formula (= + - @, or a leading tab / carriage return) get a leading apostrophe, in both formats: an export
 * holds names typed by people and must never run anything when an office opens it. Text that already starts with
 * apostrophes before such a character gets one more, so reading our files back (import/rows.ts) loses nothing.
 */
export type Cell = string | number | null | undefined;

export interface SheetColumn {
  header: string;
  /** Width in characters (XLSX only). */
  width?: number;
  /** Number format for numeric cells (XLSX only), e.g. '#,##0'. */
  numFmt?: string;
}

export interface Sheet {
  /** Worksheet name (XLSX); Excel allows 31 characters and no []:*?/\ — sanitized here. */
  name: string;
  columns: SheetColumn[];
  rows: Cell[][];
  /** Rows written after the data in bold, e.g. a sum row. */
  footer?: Cell[][];
  rightToLeft?: boolean;
}

export interface ExportFile {
  fileName: string;
  mime: string;
  data: Buffer;
}

export const CSV_MIME = 'text/csv;charset=utf-8';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FORMULA_START = /^'*[=+\-@\t\r]/;
const BOM = '\uFEFF';

/** A text cell that starts like a formula gets a leading apostrophe; numbers and other text pass unchanged. */
export function escapeFormula(value: Cell): Cell {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

const cleanRow = (row: Cell[]) =>
  row.map((v) => {
    const e = escapeFormula(v);
    return e === null || e === undefined ? '' : e;
  });

/** UTF-8 with a byte-order mark (so Excel shows Arabic), CRLF line ends, RFC 4180 quoting (papaparse). */
export function toCsv(sheet: Sheet): Buffer {
  const text = Papa.unparse(
    {
      fields: sheet.columns.map((c) => String(escapeFormula(c.header))),
      data: [...sheet.rows, ...(sheet.footer ?? [])].map(cleanRow),
    },
    { newline: '\r\n', quotes: false },
  );
  return Buffer.from(BOM + text + '\r\n', 'utf8');
}

export function sanitizeSheetName(name: string): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/^'+|'+$/g, '')
    .trim()
    .slice(0, 31);
  return cleaned || 'Sheet1';
}

/** One workbook, one worksheet per sheet; headers bold and frozen, numbers stored as numbers. */
export async function toXlsx(sheets: Sheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tasleem';
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sanitizeSheetName(sheet.name), {
      views: [{ state: 'frozen', ySplit: 1, rightToLeft: !!sheet.rightToLeft }],
    });
    ws.columns = sheet.columns.map((c) => ({
      header: String(escapeFormula(c.header)),
      width: c.width ?? Math.max(10, c.header.length + 2),
      style: c.numFmt ? { numFmt: c.numFmt } : {},
    }));
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(cleanRow(row).map((v) => (v === '' ? null : v)));
    for (const row of sheet.footer ?? [])
      ws.addRow(cleanRow(row).map((v) => (v === '' ? null : v))).font = { bold: true };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function writeSheet(sheet: Sheet, format: 'csv' | 'xlsx', baseName: string): Promise<ExportFile> {
  return format === 'csv'
    ? { fileName: `${baseName}.csv`, mime: CSV_MIME, data: toCsv(sheet) }
    : { fileName: `${baseName}.xlsx`, mime: XLSX_MIME, data: await toXlsx([sheet]) };
}
