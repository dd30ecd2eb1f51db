import { z } from 'zod';
import { count, countryCode, isoDate, requiredText, text, uuid } from './common';

export const CAMPS = ['al_hol', 'roj', 'other'] as const;
export const STATUSES = ['draft', 'finalized', 'void'] as const;
export const DOCUMENT_LANGUAGES = ['ar', 'en', 'ku', 'fr', 'ru'] as const;

export const referenceNo = z
  .string()
  .trim()
  .min(1, { error: 'required' })
  .max(40, { error: 'too_long' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9\-/.]*$/, { error: 'invalid_reference' });

export const delegationMember = z.object({ name: requiredText(200), title: text(200).default('') });

/** The fields a person types; shared by create, update and amendment, and by the form in the renderer. */
export const handoverFields = z
  .object({
    referenceNo,
    handoverDate: isoDate,
    receivingCountry: countryCode,
    delegationHeadName: requiredText(200),
    delegationHeadTitle: text(200).default(''),
    delegationBody: text(300).default(''),
    delegationMembers: z.array(delegationMember).max(50, { error: 'too_many' }).default([]),
    handingAuthority: requiredText(300),
    handingOfficialName: requiredText(200),
    handingOfficialTitle: text(200).default(''),
    location: text(200).default(''),
    camp: z.enum(CAMPS, { error: 'required' }),
    campOther: text(200).default(''),
    womenCount: count.default(0),
    childrenCount: count.default(0),
    boysCount: count.default(0),
    girlsCount: count.default(0),
    unaccompaniedCount: count.default(0),
    menCount: count.default(0),
    documentLanguages: z.array(z.enum(DOCUMENT_LANGUAGES)).min(1, { error: 'required' }).max(5).default(['ar', 'en']),
    notes: text(5000).default(''),
  })
  .strict()
  .superRefine((h, ctx) => {
    if (h.boysCount + h.girlsCount > h.childrenCount) {
      ctx.addIssue({ code: 'custom', path: ['boysCount'], message: 'split_exceeds_children' });
    }
    if (h.unaccompaniedCount > h.childrenCount) {
      ctx.addIssue({ code: 'custom', path: ['unaccompaniedCount'], message: 'unaccompanied_exceeds_children' });
    }
    if (h.womenCount + h.childrenCount + h.menCount === 0) {
      ctx.addIssue({ code: 'custom', path: ['womenCount'], message: 'no_persons' });
    }
    if (h.camp === 'other' && h.campOther === '') {
      ctx.addIssue({ code: 'custom', path: ['campOther'], message: 'required' });
    }
  });
export type HandoverFields = z.infer<typeof handoverFields>;
export type HandoverFieldsInput = z.input<typeof handoverFields>;

export const handover = z.object({
  id: uuid,
  referenceNo: z.string(),
  status: z.enum(STATUSES),
  version: z.number().int(),
  revision: z.number().int(),
  handoverDate: z.string(),
  receivingCountry: z.string(),
  delegationHeadName: z.string(),
  delegationHeadTitle: z.string(),
  delegationBody: z.string(),
  delegationMembers: z.array(z.object({ name: z.string(), title: z.string() })),
  handingAuthority: z.string(),
  handingOfficialName: z.string(),
  handingOfficialTitle: z.string(),
  location: z.string(),
  camp: z.enum(CAMPS),
  campOther: z.string(),
  womenCount: z.number().int(),
  childrenCount: z.number().int(),
  boysCount: z.number().int(),
  girlsCount: z.number().int(),
  unaccompaniedCount: z.number().int(),
  menCount: z.number().int(),
  documentLanguages: z.array(z.string()),
  notes: z.string(),
  voidReason: z.string().nullable(),
  /** app | import (spreadsheet, sourceRef = file SHA-256) | exchange (another office's bundle, sourceRef = bundle id). */
  source: z.enum(['app', 'import', 'exchange']),
  sourceRef: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type Handover = z.infer<typeof handover>;

export const SORT_COLUMNS = ['referenceNo', 'handoverDate', 'receivingCountry', 'delegationHeadName', 'camp', 'status', 'persons', 'updatedAt'] as const;

/** Which handovers: shared by the list (which adds sorting and paging) and by exports (which take them all). */
export const handoverFilter = z.object({
  search: text(200).default(''),
  countries: z.array(countryCode).max(300).default([]),
  camps: z.array(z.enum(CAMPS)).default([]),
  statuses: z.array(z.enum(STATUSES)).default([]),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
const rangeInOrder = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
export const INVERTED_RANGE = { path: ['to'], message: 'inverted_range' };

export const listQuery = handoverFilter
  .extend({
    sort: z.enum(SORT_COLUMNS).default('handoverDate'),
    direction: z.enum(['asc', 'desc']).default('desc'),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .refine(rangeInOrder, INVERTED_RANGE);
/** A filter as a channel's input (list summary, export): unknown keys dropped, the date range in order. */
export const filterInput = handoverFilter.strip().refine(rangeInOrder, INVERTED_RANGE);
export type ListQuery = z.infer<typeof listQuery>;
export type ListQueryInput = z.input<typeof listQuery>;

export const listRow = handover.pick({
  id: true, referenceNo: true, status: true, version: true, handoverDate: true, receivingCountry: true,
  delegationHeadName: true, camp: true, womenCount: true, childrenCount: true, menCount: true, updatedAt: true,
});
export type ListRow = z.infer<typeof listRow>;

/** A page of rows only: the figures of the whole filtered set are asked once (listSummary), not with every page. */
export const listResult = z.object({ rows: z.array(listRow) });
export type ListResult = z.infer<typeof listResult>;
export const listSummary = z.object({ handovers: z.number().int(), women: z.number().int(), children: z.number().int(), men: z.number().int(), persons: z.number().int() });
export type ListSummary = z.infer<typeof listSummary>;
