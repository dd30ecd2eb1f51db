import type { ImportReason, DateOrder } from '../../api/domain/import';
import type { Status } from '../../api/domain/handover';
import {
  COUNT_COLUMNS,
  FIELD_OF_COLUMN,
  OPTIONAL_FIELDS,
  recordFields,
  type HandoverFields,
  type ImportColumn,
} from '../../api/schemas/handover';
import { issueKey } from '../../api/schemas/issues';
import { resolveCountryName, type CountryMatch } from '../../api/schemas/country-resolver';
import { parseDate, westernDigits } from './dates';
import { normalizeForSearch } from '../../../db/search-text';

export type Reason = ImportReason;
export type Mapping = (ImportColumn | null)[];

/**
 * What a row takes from the office when the sheet is silent: the handing authority is the office itself. Its official's
 * name is not taken: today's official did not sign a 2019 protocol (issue 10: no placeholders).
 */
export interface RowDefaults {
  handingAuthority: string;
}

/** Counts the totals cannot do without: an empty cell is a gap the row may not have (men and the splits default to 0). */
const REQUIRED_COUNTS: ReadonlySet<string> = new Set(['women_count', 'children_count']);

const COLUMN_OF_FIELD = new Map<string, ImportColumn>(
  Object.entries(FIELD_OF_COLUMN).map(([c, f]) => [f, c as ImportColumn]),
);
COLUMN_OF_FIELD.set('campOther', 'camp_of_origin');

/** Our own exports put an apostrophe before a cell that starts like a formula (export-sheets.ts); reading takes one off. */
export const unescapeFormula = (s: string) => (/^'+[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return unescapeFormula(String(v).trim());
}

const AL_HOL = new Set([
  'al_hol',
  'al hol',
  'alhol',
  'hol',
  'al-hol',
  'الهول',
  'مخيم الهول',
  'hol camp',
  'al hol camp',
  'hole',
  'kampa hole',
  'kampa hol',
]);
const ROJ = new Set(['roj', 'روج', 'مخيم روج', 'roj camp', 'kampa roj']);

export function parseCamp(text: string): { camp: HandoverFields['camp']; campOther: string } | null {
  if (!text) return null;
  const folded = normalizeForSearch(text).replace(/\s+/g, ' ').trim();
  if (AL_HOL.has(folded)) return { camp: 'al_hol', campOther: '' };
  if (ROJ.has(folded)) return { camp: 'roj', campOther: '' };
  if (folded === 'other' || folded === 'اخرى' || folded === 'din') return { camp: 'other', campOther: '' };
  return { camp: 'other', campOther: text };
}

function parseCount(v: unknown, required: boolean): number | Reason['key'] {
  if (typeof v === 'number') return v;
  const s = westernDigits(cellText(v)).replace(/[\s\u066C,]/g, '');
  if (s === '') return required ? 'validation.required' : 0;
  if (/^-?\d+(\.0+)?$/.test(s)) return Number(s);
  return /^-?\d*\.\d+$/.test(s) ? 'validation.not_integer' : 'validation.not_a_number';
}

/** Sheets repeat the same countries, camps and dates thousands of times: each distinct text is read once. */
function remember<T>(read: (text: string) => T): (text: string) => T {
  const seen = new Map<string, T>();
  return (text) => {
    if (seen.has(text)) return seen.get(text) as T;
    const value = read(text);
    if (seen.size >= 10_000) seen.clear();
    seen.set(text, value);
    return value;
  };
}
/** The country reader of one import: the office's aliases apply, each distinct cell text is resolved once. */
export const countryReader = (aliases?: ReadonlyMap<string, string>) =>
  remember((text: string) => resolveCountryName(text, aliases));
const defaultCountryOf = countryReader();
const campOf = remember(parseCamp);
const dateOf = {
  dmy: remember((s) => parseDate(s, 'dmy')),
  mdy: remember((s) => parseDate(s, 'mdy')),
  unknown: remember((s) => parseDate(s)),
};

/** What a record's state reads as in a sheet (folded like search text): our export's codes, and the app's words for them in its three languages. */
const STATUS_WORDS: Record<string, Status> = {
  draft: 'draft',
  finalized: 'finalized',
  final: 'finalized',
  void: 'void',
  voided: 'void',
  مسوده: 'draft',
  معتمد: 'finalized',
  ملغي: 'void',
  ملغاه: 'void',
  resnivis: 'draft',
  pejirandi: 'finalized',
  betalkiri: 'void',
};
const statusOf = remember((text: string): Status | null | undefined =>
  text ? (STATUS_WORDS[normalizeForSearch(text).trim()] ?? null) : undefined,
);

/** The record's own state, when the sheet says it (our export does): undefined when it does not. */
export interface RowState {
  status?: Status;
  voidReason: string;
}

/** One sheet row to the handover fields, through the same schema as the form, and the state the sheet gives it. */
export function rowToFields(
  cells: unknown[],
  mapping: Mapping,
  dateOrder: DateOrder | undefined,
  defaults: RowDefaults,
  countryOf: (text: string) => CountryMatch = defaultCountryOf,
): { data?: HandoverFields; state: RowState; reasons: Reason[] } {
  const reasons: Reason[] = [];
  const state: RowState = { voidReason: '' };
  // A party or camp the sheet does not name stays unrecorded: empty, never a placeholder.
  const input: Record<string, unknown> = {
    handingAuthority: defaults.handingAuthority,
    delegationHeadName: '',
    handingOfficialName: '',
    camp: 'other',
    campOther: '',
  };
  for (let i = 0; i < mapping.length; i++) {
    const col = mapping[i];
    if (!col) continue;
    const raw = cells[i];
    const field = FIELD_OF_COLUMN[col];
    if (col === 'handover_date') {
      const d = raw instanceof Date ? parseDate(raw) : dateOf[dateOrder ?? 'unknown'](cellText(raw));
      if (d.ok) Object.assign(input, { [field]: d.iso, datePrecision: d.precision === 'day' ? null : d.precision });
      else
        reasons.push({
          key: cellText(raw) === '' ? 'validation.required' : `io.reason.${d.key}`,
          column: col,
          value: cellText(raw),
        });
    } else if (col === 'receiving_country') {
      const text = cellText(raw);
      const match = countryOf(text);
      if (match.ok) input[field] = match.code;
      else if (!text) reasons.push({ key: 'validation.required', column: col, value: text });
      else
        reasons.push({
          key: 'validation.unknown_country',
          column: col,
          value: text,
          ...(match.suggestions.length ? { suggestions: match.suggestions } : {}),
        });
    } else if (col === 'camp_of_origin') {
      const camp = campOf(cellText(raw));
      if (camp) Object.assign(input, camp);
    } else if (col === 'status') {
      const status = statusOf(cellText(raw));
      if (status === null) reasons.push({ key: 'io.reason.unknown_status', column: col, value: cellText(raw) });
      else state.status = status;
    } else if (col === 'void_reason') {
      state.voidReason = cellText(raw);
    } else if (COUNT_COLUMNS.includes(col)) {
      const n = parseCount(raw, REQUIRED_COUNTS.has(col));
      if (typeof n === 'number') input[field] = n;
      else reasons.push({ key: n, column: col, value: cellText(raw) });
    } else {
      const text = cellText(raw);
      if (text !== '' || !OPTIONAL_FIELDS.has(field)) input[field] = text;
    }
  }
  // The app voids a handover only with a reason; a sheet does not get to do it without one.
  if (state.status === 'void' && !state.voidReason) reasons.push({ key: 'validation.required', column: 'void_reason' });
  if (state.status !== 'void') state.voidReason = '';
  const parsed = recordFields.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = COLUMN_OF_FIELD.get(String(issue.path[0] ?? ''));
      // One reason per column: a date we already explained is not explained twice.
      if (reasons.some((r) => r.column === column)) continue;
      const value = column ? cellText(cells[mapping.indexOf(column)]) : undefined;
      reasons.push({ key: `validation.${issueKey(issue)}`, column, value: value || undefined });
    }
  }
  return reasons.length ? { state, reasons } : { data: parsed.data, state, reasons };
}
