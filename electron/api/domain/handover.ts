/** A record's life: a draft is edited, a finalized record is amended by versions, a void one is kept but never counted. */
export const STATUSES = ['draft', 'finalized', 'void'] as const;
export type Status = (typeof STATUSES)[number];

export const CAMPS = ['al_hol', 'roj', 'other'] as const;
export type Camp = (typeof CAMPS)[number];

/** How a record came in: typed in this app, imported from a spreadsheet, or from another office's bundle. */
export const SOURCES = ['app', 'import', 'exchange'] as const;
export type Source = (typeof SOURCES)[number];

/** How much of a handover date is known when it is less than a day; a month or year is stored as its first day. */
export const DATE_PRECISIONS = ['month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const DOCUMENT_LANGUAGES = ['ar', 'en', 'ku', 'fr', 'ru'] as const;
export type DocumentLanguage = (typeof DOCUMENT_LANGUAGES)[number];

export interface DelegationMember {
  name: string;
  title: string;
}

/**
 * What a protocol must name before it can be signed (issue 10): both parties and the camp. A record typed in the app
 * always names them; one imported from the public record may not, and shows each as "not recorded" until an amendment
 * completes it. An unrecorded camp is "other" without its name (the form never allows that).
 */
export const PROTOCOL_FIELDS = ['delegationHeadName', 'handingAuthority', 'handingOfficialName', 'camp'] as const;
export type ProtocolField = (typeof PROTOCOL_FIELDS)[number];
export interface ProtocolParts {
  delegationHeadName: string;
  handingAuthority: string;
  handingOfficialName: string;
  camp: Camp;
  campOther: string;
}
export const campRecorded = (h: Pick<ProtocolParts, 'camp' | 'campOther'>) => h.camp !== 'other' || h.campOther !== '';
export function missingProtocolFields(h: ProtocolParts): ProtocolField[] {
  return PROTOCOL_FIELDS.filter((k) => (k === 'camp' ? !campRecorded(h) : h[k].trim() === ''));
}
export const COMPLETENESS = ['complete', 'incomplete'] as const;
export type Completeness = (typeof COMPLETENESS)[number];

/** The count fields of a record, in the order the form and the reports show them. */
export const COUNT_FIELDS = [
  'womenCount',
  'childrenCount',
  'boysCount',
  'girlsCount',
  'unaccompaniedCount',
  'menCount',
] as const;
export type CountField = (typeof COUNT_FIELDS)[number];
/** The most persons of one kind a record may hold. */
export const MAX_COUNT = 100_000;

export const SORT_COLUMNS = [
  'referenceNo',
  'handoverDate',
  'receivingCountry',
  'delegationHeadName',
  'camp',
  'status',
  'persons',
  'updatedAt',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export const SORT_DIRECTIONS = ['asc', 'desc'] as const;

/** Which handovers: shared by the list (which adds sorting and paging) and by exports (which take them all). */
export interface HandoverFilter {
  search?: string;
  countries?: string[];
  camps?: Camp[];
  statuses?: Status[];
  from?: string;
  to?: string;
  completeness?: Completeness;
  /** The country the whole search text names ("قرغيزستان", "Kyrgyz Republic"): its records match the search too. */
  searchCountry?: string;
}

export const LOCALES = ['ar', 'en', 'ku'] as const;
export type Locale = (typeof LOCALES)[number];
