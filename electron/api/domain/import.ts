/**
 * The published spreadsheet format (issue 6): these columns first, in this order, so a sheet made to that list lines
 * up. The content columns after them and their names come from the table (electron/api/schemas/handover.ts).
 */
export const CANONICAL_COLUMNS = [
  'reference_no',
  'handover_date',
  'receiving_country',
  'delegation_head_name',
  'delegation_head_title',
  'delegation_body',
  'handing_official_name',
  'location',
  'camp_of_origin',
  'women_count',
  'children_count',
  'boys_count',
  'girls_count',
  'unaccompanied_count',
  'men_count',
  'notes',
] as const;
/** The record's state, written last by our export and read back by the import. */
export const STATE_COLUMNS = ['status', 'void_reason'] as const;
/**
 * Without these a row cannot be a handover the totals count (issue 10): the public record rarely names the parties or
 * the camp, so those stay unrecorded when absent; men and the other counts default to 0, other text to empty.
 */
export const REQUIRED_COLUMNS = [
  'reference_no',
  'handover_date',
  'receiving_country',
  'women_count',
  'children_count',
] as const;

export const DATE_ORDERS = ['dmy', 'mdy'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];
export const SHEET_FORMATS = ['csv', 'xlsx'] as const;

export const IMPORT_OUTCOMES = ['new', 'unchanged', 'conflict', 'rejected'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];
export const IMPORT_PHASES = ['reading', 'checking', 'writing'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];
export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;

/** Why a row was not imported: an i18n key (io.reason.* or validation.*), the column, the value as read, and for an unknown country the closest ones (codes). */
export interface ImportReason {
  key: string;
  column?: string;
  value?: string;
  suggestions?: string[];
}
export interface Difference {
  column: string;
  file: string;
  stored: string;
}
export interface RowOutcome {
  line: number;
  referenceNo: string;
  outcome: ImportOutcome;
  reasons: ImportReason[];
  differences?: Difference[];
  /** The record that holds this reference already (unchanged or conflict). */
  existingId?: string;
}
/** Rows of the API's import report, at most; the CLI prints them all. */
export const API_REPORT_ROWS = 1000;
