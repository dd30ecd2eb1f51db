import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { FILE_LIMITS, megabytes } from '../../api/domain/limits';

/** A file-level problem; `key` is an i18n key under io.file. Nothing is imported. */
export class ImportFileError extends Error {
  constructor(
    readonly key:
      | 'empty'
      | 'no_rows'
      | 'not_tabular'
      | 'xls_not_supported'
      | 'mixed_encoding'
      | 'too_large'
      | 'missing_columns'
      | 'unreadable_xlsx'
      | 'xlsx_too_large',
    readonly params: Record<string, string | number> = {},
  ) {
    super(`import file: ${key}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`);
  }
}

export interface TableRow {
  /** The file's line number (CSV, header = 1) or worksheet row number (XLSX). */
  line: number;
  cells: unknown[];
  malformed?: boolean;
}
export interface Table {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'utf-16' | 'windows-1256' | 'xlsx';
  delimiter: string | null;
  headers: string[];
  headerLine: number;
  rows: TableRow[];
}

const isUtf8 = (bytes: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/** Lines that are valid UTF-8 with non-ASCII text next to lines that are not: two encodings glued into one file. */
function hasMixedEncodings(buf: Buffer): boolean {
  let utf8Lines = 0;
  let otherLines = 0;
  let start = 0;
  while (start < buf.length) {
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.length;
    const line = buf.subarray(start, end);
    if (line.some((b) => b >= 0x80)) {
      if (isUtf8(line)) utf8Lines++;
      else otherLines++;
      if (utf8Lines && otherLines) return true;
    }
    start = end + 1;
  }
  return false;
}

/** Text from bytes: UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1256 (Arabic Excel's "CSV" on Windows). */
export function decodeText(buf: Buffer): { text: string; encoding: Table['encoding'] } {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf)
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16' };
  if (buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), 'utf-16be'), encoding: 'utf-16' };
  const head = buf.subarray(0, 65536);
  if (head.includes(0)) throw new ImportFileError('not_tabular');
  let control = 0;
  for (const b of head) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) control++;
  if (control > head.length / 100) throw new ImportFileError('not_tabular');
  if (isUtf8(buf)) return { text: buf.toString('utf8'), encoding: 'utf-8' };
  if (hasMixedEncodings(buf)) throw new ImportFileError('mixed_encoding');
  return { text: iconv.decode(buf, 'windows-1256'), encoding: 'windows-1256' };
}

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter is the one the header line uses most. Not guessed from the data: names and notes are full of
 * semicolons and commas (a small file of such rows fooled papaparse's own guess).
 */
export function guessDelimiter(text: string): string {
  const header = text
    .replace(/^\s*[\r\n]+/, '')
    .split(/\r?\n/, 1)[0]
    .replace(/"[^"]*"/g, '');
  let best: string = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    const n = header.split(d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

function parseCsv(buf: Buffer): Table {
  const { text, encoding } = decodeText(buf);
  if (!text.trim()) throw new ImportFileError('empty');
  const parsed = Papa.parse<string[]>(text, { delimiter: guessDelimiter(text), skipEmptyLines: false });
  const malformed = new Set(parsed.errors.filter((e) => e.type === 'Quotes').map((e) => e.row));
  // Physical line numbers: a quoted cell may span lines, so count the breaks inside each record.
  const rows: TableRow[] = [];
  let line = 1;
  let headers: string[] | null = null;
  let headerLine = 1;
  parsed.data.forEach((cells, i) => {
    const here = line;
    for (const c of cells) if (c.includes('\n')) line += c.split('\n').length - 1;
    line++;
    if (cells.length === 1 && cells[0].trim() === '') return; // empty line
    if (!headers) {
      headers = cells.map((c) => c.trim());
      headerLine = here;
      return;
    }
    rows.push(malformed.has(i) ? { line: here, cells, malformed: true } : { line: here, cells });
  });
  if (!headers) throw new ImportFileError('empty');
  return { format: 'csv', encoding, delimiter: parsed.meta.delimiter, headers, headerLine, rows };
}

/** What a spreadsheet cell holds, as the import reads it: text, number, or a real date. */
function cellValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return '';
  if (v instanceof Date || typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('hyperlink' in v) return String(v.text ?? '');
    // A formula contributes its cached result, never itself: what the office saw in the sheet.
    if ('formula' in v || 'sharedFormula' in v) return cellValue((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('error' in v) return '';
  }
  return String(v);
}

/** Parses a workbook on the calling thread: only ever called in the XLSX worker (xlsx-thread.ts), after checkZip. */
export async function parseXlsx(buf: Buffer): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('unreadable_xlsx');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new ImportFileError('empty');
  let headers: string[] | null = null;
  let headerLine = 1;
  const rows: TableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    const cells = Array.from({ length: values.length }, (_, i) => cellValue(values[i]));
    if (cells.every((c) => c === '')) return;
    if (!headers) {
      headers = cells.map((c) => String(c).trim());
      headerLine = n;
    } else rows.push({ line: n, cells });
  });
  if (!headers) throw new ImportFileError('empty');
  return { format: 'xlsx', encoding: 'xlsx', delimiter: null, headers, headerLine, rows };
}

/**
 * CSV or XLSX by content, not by name: a renamed file is read for what it is. A workbook goes to `readXlsx`, which
 * parses it off the app's thread (xlsx.ts): a zip can unpack to far more than it weighs.
 */
export async function readTable(buf: Buffer, readXlsx: (buf: Buffer) => Promise<Table>): Promise<Table> {
  if (buf.length > FILE_LIMITS.spreadsheet)
    throw new ImportFileError('too_large', { maxMb: megabytes(FILE_LIMITS.spreadsheet) });
  if (buf.length === 0) throw new ImportFileError('empty');
  if (buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04) return readXlsx(buf);
  if (buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0)
    throw new ImportFileError('xls_not_supported');
  return parseCsv(buf);
}
