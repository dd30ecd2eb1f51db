import { getTableColumns } from 'drizzle-orm';
import { createInsertSchema, createSelectSchema } from 'drizzle-zod';
import { z } from 'zod';
import { CANONICAL_COLUMNS, STATE_COLUMNS } from '../domain/import';
import {
  CAMPS,
  COMPLETENESS,
  DATE_PRECISIONS,
  DOCUMENT_LANGUAGES,
  SORT_COLUMNS,
  SORT_DIRECTIONS,
  STATUSES,
  missingProtocolFields,
} from '../domain/handover';
import { HANDOVER_RECORD_COLUMNS, handovers } from '../../../db/schema';
import { count, countryCode, isoDate, requiredText, text } from './common';

/**
 * The handover's shapes, all derived from its table (db/schema.ts): the typed fields, the stored record, the content
 * a version freezes, the spreadsheet columns and the form's blank value. A column added to the table appears in each
 * of them; only the rules SQL cannot say (lengths, formats, cross-field checks) are written here.
 */
type Columns = typeof handovers._.columns;
type Key = keyof Columns & string;
const columns = getTableColumns(handovers);

/** The record's life, not what its document says: never typed in a form, frozen in a version or read from a sheet. */
export const RECORD_COLUMNS = HANDOVER_RECORD_COLUMNS;
export type ContentField = Exclude<Key, (typeof RECORD_COLUMNS)[number]>;

/** What a person types, what a version freezes and a report's hash covers: every other column, in table order. */
export const CONTENT_FIELDS = (Object.keys(columns) as Key[]).filter(
  (k): k is ContentField => !(RECORD_COLUMNS as readonly string[]).includes(k),
);

export const referenceNo = z
  .string()
  .trim()
  .min(1, { error: 'required' })
  .max(40, { error: 'too_long' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9\-/.]*$/, { error: 'invalid_reference' });

export const delegationMember = z.object({ name: requiredText(200), title: text(200).default('') });

/** An optional text: left empty it is null, so it stays out of a version's content (and its hash). */
const optionalText = (max: number) => text(max).transform((s) => (s === '' ? null : s));

/** Any text column the rules below do not name: trimmed, and no longer than this. */
const TEXT_MAX = 500;

/** The rules the table cannot say, per field; a text or integer column not named here gets text(TEXT_MAX) or count. */
const rules = {
  referenceNo,
  handoverDate: isoDate,
  datePrecision: z.enum(DATE_PRECISIONS),
  receivingCountry: countryCode,
  // A party's name may be unrecorded in a record imported from the public record; a protocol typed in the app names
  // both (handoverFields below adds that rule, and the services keep it for every record not imported).
  delegationHeadName: text(200),
  delegationHeadNameLatin: optionalText(200),
  delegationHeadTitle: text(200),
  delegationBody: text(300),
  delegationMembers: z.array(delegationMember).max(50, { error: 'too_many' }),
  handingAuthority: text(300),
  handingOfficialName: text(200),
  handingOfficialNameLatin: optionalText(200),
  handingOfficialTitle: text(200),
  location: text(200),
  camp: z.enum(CAMPS, { error: 'required' }),
  campOther: text(200),
  documentLanguages: z.array(z.enum(DOCUMENT_LANGUAGES)).min(1, { error: 'required' }).max(5),
  notes: text(5000),
  sourceNote: optionalText(500),
} satisfies Partial<Record<ContentField, z.ZodType>>;

function ruleOf(k: ContentField): z.ZodType {
  const given = (rules as Partial<Record<ContentField, z.ZodType>>)[k];
  if (given) return given;
  return columns[k].dataType === 'number' ? count : text(TEXT_MAX);
}

/**
 * drizzle-zod decides from the table which fields may be left out (a default) or empty (nullable); the rules replace
 * its column types. A field left out takes the column's own default, so a parsed value is always complete.
 */
const insert = createInsertSchema(
  handovers,
  Object.fromEntries(CONTENT_FIELDS.map((k) => [k, () => ruleOf(k)])) as Record<ContentField, () => z.ZodType>,
);
function withDefault(k: ContentField): z.ZodType {
  const field = insert.shape[k] as z.ZodType;
  if (!(field instanceof z.ZodOptional)) return field;
  const col = columns[k];
  // A function, so that no two records share one default array.
  return (field.unwrap() as z.ZodType).default((() => structuredClone(col.hasDefault ? col.default : null)) as never);
}

type Row = typeof handovers.$inferSelect;
/** The typed fields after parsing: every content field, defaults applied. */
export type HandoverFields = Pick<Row, ContentField>;
/** What a caller may send: a field with a default may be left out. */
export type HandoverFieldsInput = Pick<typeof handovers.$inferInsert, ContentField>;

const fieldsObject = z.object(Object.fromEntries(CONTENT_FIELDS.map((k) => [k, withDefault(k)]))).strict();

/** What every record must hold, whatever its source: the figures the totals count, consistent with each other. */
function recordRules(raw: unknown, ctx: z.RefinementCtx) {
  const h = raw as HandoverFields;
  if (h.boysCount + h.girlsCount > h.childrenCount) {
    ctx.addIssue({ code: 'custom', path: ['boysCount'], message: 'split_exceeds_children' });
  }
  if (h.unaccompaniedCount > h.childrenCount) {
    ctx.addIssue({ code: 'custom', path: ['unaccompaniedCount'], message: 'unaccompanied_exceeds_children' });
  }
  if (h.womenCount + h.childrenCount + h.menCount === 0) {
    ctx.addIssue({ code: 'custom', path: ['womenCount'], message: 'no_persons' });
  }
  const p = h.datePrecision;
  if ((p === 'month' && !h.handoverDate.endsWith('-01')) || (p === 'year' && !h.handoverDate.endsWith('-01-01'))) {
    ctx.addIssue({ code: 'custom', path: ['handoverDate'], message: 'invalid_date' });
  }
}

/** A protocol's parties and camp, each missing one as a `required` issue on its field (the form marks it). */
export function protocolIssues(h: HandoverFields): { path: string; key: string }[] {
  return missingProtocolFields(h).map((k) => ({ path: k === 'camp' ? 'campOther' : k, key: 'required' }));
}

/**
 * A record of known provenance (issue 10): what the totals need — date, country, counts — the rest may be unrecorded.
 * Imported rows, amendments of imported records and exchanged records are checked with it.
 */
export const recordFields = fieldsObject.superRefine(recordRules) as unknown as z.ZodType<
  HandoverFields,
  HandoverFieldsInput
>;

/** The fields a person types in the app: a record's rules, and a protocol that names both parties and the camp. */
export const handoverFields = fieldsObject.superRefine((raw, ctx) => {
  recordRules(raw, ctx);
  for (const i of protocolIssues(raw as HandoverFields))
    ctx.addIssue({ code: 'custom', path: [i.path], message: i.key });
}) as unknown as z.ZodType<HandoverFields, HandoverFieldsInput>;

/** A stored record as the API returns it. */
export const handover = createSelectSchema(handovers, {
  delegationMembers: z.array(z.object({ name: z.string(), title: z.string() })),
  documentLanguages: z.array(z.enum(DOCUMENT_LANGUAGES)),
});
export type Handover = z.infer<typeof handover>;

/** The content fields of a record (or of a row about to become one), in table order. */
export function pickContent(row: Pick<Row, ContentField>): HandoverFields {
  const out = {} as Record<ContentField, unknown>;
  for (const k of CONTENT_FIELDS) out[k] = row[k];
  return out as HandoverFields;
}

/** A new record's fields before anyone types: each column's default, '' or the first choice where it has none. */
export function blankFields(): HandoverFieldsInput {
  const out: Record<string, unknown> = {};
  for (const k of CONTENT_FIELDS) {
    const col = columns[k];
    if (col.hasDefault && col.default !== undefined) out[k] = structuredClone(col.default);
    else if (!col.notNull) out[k] = null;
    else if (col.enumValues?.length) out[k] = col.enumValues[0];
    else out[k] = col.dataType === 'number' ? 0 : '';
  }
  return out as HandoverFieldsInput;
}

// --- the spreadsheet columns ---------------------------------------------------------------------------------------

/**
 * Content a sheet cell carries elsewhere: the free text of "other" is the camp_of_origin cell itself, and a date's
 * precision is how the handover_date cell is written ("2021-03", "2019").
 */
const FOLDED_INTO = { campOther: 'camp_of_origin', datePrecision: 'handover_date' } as const;
/** The camp's cell is named for what it holds, not for the column; the provenance note is the sheet's `source`. */
const SHEET_NAME = { camp: 'camp_of_origin', sourceNote: 'source' } as const;
type ListField = { [K in ContentField]: Columns[K]['_']['dataType'] extends 'json' ? K : never }[ContentField];
type SheetField = Exclude<ContentField, ListField | keyof typeof FOLDED_INTO>;
type SheetColumnOf<K extends SheetField> = K extends keyof typeof SHEET_NAME
  ? (typeof SHEET_NAME)[K]
  : Columns[K]['_']['name'];

/** A content field's column in sheets: its SQL name, a JSON list has none (a cell holds one value). */
const sheetFields = CONTENT_FIELDS.filter(
  (k): k is SheetField => columns[k].dataType !== 'json' && !(k in FOLDED_INTO),
);
const sheetName = (k: SheetField) => (SHEET_NAME as Partial<Record<string, string>>)[k] ?? columns[k].name;

export type ImportColumn = { [K in SheetField]: SheetColumnOf<K> }[SheetField] | (typeof STATE_COLUMNS)[number];
/**
 * The columns a sheet may have and our export writes, in that order: the canonical set of the published format first,
 * then every other content column (table order), then the record's state — so that export → import gives back the
 * same records (a draft stays a draft, a void one stays void and is not counted again).
 */
export const IMPORT_COLUMNS = [
  ...CANONICAL_COLUMNS,
  ...sheetFields.map(sheetName).filter((c) => !(CANONICAL_COLUMNS as readonly string[]).includes(c)),
  ...STATE_COLUMNS,
] as readonly ImportColumn[] as [ImportColumn, ...ImportColumn[]];
export const importColumn = z.enum(IMPORT_COLUMNS);

/** The field each sheet column fills. */
export const FIELD_OF_COLUMN = Object.fromEntries([
  ...sheetFields.map((k) => [sheetName(k), k]),
  ['status', 'status'],
  ['void_reason', 'voidReason'],
]) as Record<ImportColumn, SheetField | 'status' | 'voidReason'>;
/** Fields a record may leave empty (nullable columns): an empty cell leaves them null, not ''. */
export const OPTIONAL_FIELDS: ReadonlySet<string> = new Set(CONTENT_FIELDS.filter((k) => !columns[k].notNull));
/** Columns read as whole numbers: those of integer fields. */
export const COUNT_COLUMNS = IMPORT_COLUMNS.filter((c) => columns[FIELD_OF_COLUMN[c]].dataType === 'number');

// --- lists ---------------------------------------------------------------------------------------------------------

/** Which handovers: shared by the list (which adds sorting and paging) and by exports (which take them all). */
export const handoverFilter = z.object({
  search: text(200).default(''),
  countries: z.array(countryCode).max(300).default([]),
  camps: z.array(z.enum(CAMPS)).default([]),
  statuses: z.array(z.enum(STATUSES)).default([]),
  from: isoDate.optional(),
  to: isoDate.optional(),
  completeness: z.enum(COMPLETENESS).optional(),
});
const rangeInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
export const INVERTED_RANGE = { path: ['to'], message: 'inverted_range' };

export const listQuery = handoverFilter
  .extend({
    sort: z.enum(SORT_COLUMNS).default('handoverDate'),
    direction: z.enum(SORT_DIRECTIONS).default('desc'),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(100),
    /**
     * Keyset paging: the sort value and id of the last row of the previous page. When given, the page starts right
     * after that row and `offset` is not used, so a page deep in a million rows costs what the first one does.
     */
    after: z
      .object({ value: z.union([text(200), z.number().int()]), id: text(64) })
      .strict()
      .optional(),
  })
  .refine(rangeInOrder, INVERTED_RANGE);
/** A filter as a channel's input (list summary, export): unknown keys dropped, the date range in order. */
export const filterInput = handoverFilter.strip().refine(rangeInOrder, INVERTED_RANGE);
export type ListQuery = z.infer<typeof listQuery>;
export type ListQueryInput = z.input<typeof listQuery>;

export const listRow = handover.pick({
  id: true,
  referenceNo: true,
  status: true,
  version: true,
  handoverDate: true,
  datePrecision: true,
  receivingCountry: true,
  delegationHeadName: true,
  handingAuthority: true,
  handingOfficialName: true,
  camp: true,
  campOther: true,
  womenCount: true,
  childrenCount: true,
  menCount: true,
  updatedAt: true,
});
export type ListRow = z.infer<typeof listRow>;

/** A page of rows only: the figures of the whole filtered set are asked once (listSummary), not with every page. */
export const listResult = z.object({ rows: z.array(listRow) });
export type ListResult = z.infer<typeof listResult>;
export const listSummary = z.object({
  handovers: z.number().int(),
  women: z.number().int(),
  children: z.number().int(),
  men: z.number().int(),
  persons: z.number().int(),
});
export type ListSummary = z.infer<typeof listSummary>;
