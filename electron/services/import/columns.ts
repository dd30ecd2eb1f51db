import { normalizeForSearch } from '../../../db/search-text';

/** The columns the app's own export writes, in that order: the canonical import format (docs: issue 6). */
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
/**
 * Beyond the canonical set: read when present (older sheets carry them), and written after the canonical columns by
 * our own export, so that export → import gives back the same records: the handing authority is required and would
 * otherwise come back as this office's default, and a draft or a voided handover would come back finalized (a void
 * one counted again in the totals).
 */
export const EXTRA_COLUMNS = ['handing_authority', 'handing_official_title', 'status', 'void_reason'] as const;
export const IMPORT_COLUMNS = [...CANONICAL_COLUMNS, ...EXTRA_COLUMNS] as const;
/** What the app's export writes: the canonical columns first, so a sheet made to the list still lines up. */
export const EXPORT_COLUMNS = IMPORT_COLUMNS;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Without these a row cannot be a handover; every other column defaults (counts 0, text empty). */
export const REQUIRED_COLUMNS: ImportColumn[] = ['reference_no', 'handover_date', 'receiving_country', 'delegation_head_name', 'camp_of_origin'];

export const FIELD_OF_COLUMN = {
  reference_no: 'referenceNo',
  handover_date: 'handoverDate',
  receiving_country: 'receivingCountry',
  delegation_head_name: 'delegationHeadName',
  delegation_head_title: 'delegationHeadTitle',
  delegation_body: 'delegationBody',
  handing_official_name: 'handingOfficialName',
  location: 'location',
  camp_of_origin: 'camp',
  women_count: 'womenCount',
  children_count: 'childrenCount',
  boys_count: 'boysCount',
  girls_count: 'girlsCount',
  unaccompanied_count: 'unaccompaniedCount',
  men_count: 'menCount',
  notes: 'notes',
  handing_authority: 'handingAuthority',
  handing_official_title: 'handingOfficialTitle',
  status: 'status',
  void_reason: 'voidReason',
} as const satisfies Record<ImportColumn, string>;

export const COUNT_COLUMNS = ['women_count', 'children_count', 'boys_count', 'girls_count', 'unaccompanied_count', 'men_count'] as const;

/** Headers seen in offices' own sheets (English, Arabic, Kurdish), folded like search text. */
const ALIASES: Record<ImportColumn, string[]> = {
  reference_no: ['reference', 'reference number', 'ref', 'ref no', 'الرقم المرجعي', 'رقم المرجع', 'المرجع', 'hejmara referansê', 'referans'],
  handover_date: ['date', 'handover date', 'تاريخ التسليم', 'التاريخ', 'dîroka radestkirinê', 'dîrok'],
  receiving_country: ['country', 'receiving country', 'الدولة', 'الدولة المستلمة', 'البلد', 'welat', 'welatê wergir'],
  delegation_head_name: ['head of delegation', 'delegation head', 'رئيس الوفد', 'serokê şandê'],
  delegation_head_title: ['title', 'head of delegation title', 'صفة رئيس الوفد', 'المنصب', 'sernavê serokê şandê'],
  delegation_body: ['delegation', 'institution', 'الجهة', 'الوفد', 'جهة الوفد', 'dezgeh', 'şand'],
  handing_official_name: ['handing official', 'official', 'المسؤول المسلم', 'اسم المسؤول', 'berpirsê radestker'],
  location: ['place', 'مكان التسليم', 'المكان', 'cih'],
  camp_of_origin: ['camp', 'المخيم', 'kamp'],
  women_count: ['women', 'النساء', 'نساء', 'عدد النساء', 'jin'],
  children_count: ['children', 'الأطفال', 'اطفال', 'عدد الأطفال', 'zarok'],
  boys_count: ['boys', 'الذكور', 'صبيان', 'كور'],
  girls_count: ['girls', 'الإناث', 'بنات', 'keç'],
  unaccompanied_count: ['unaccompanied', 'orphans', 'غير المصحوبين', 'أيتام', 'الأيتام', 'sêwî', 'bêhevrê'],
  men_count: ['men', 'الرجال', 'رجال', 'mêr'],
  notes: ['note', 'remarks', 'ملاحظات', 'تيبينى', 'têbînî'],
  handing_authority: ['handing authority', 'الجهة المسلمة', 'saziya radestker'],
  handing_official_title: ['handing official title', 'صفة المسؤول', 'sernavê berpirs'],
  status: ['state', 'الحالة', 'حالة السجل', 'rewş'],
  void_reason: ['void reason', 'reason for void', 'سبب الإلغاء', 'sedema betalkirinê'],
};

export function foldHeader(header: string): string {
  return normalizeForSearch(header.replace(/^\uFEFF/, ''))
    .replace(/[_\-.:()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const BY_FOLDED = new Map<string, ImportColumn>();
for (const col of IMPORT_COLUMNS) {
  BY_FOLDED.set(foldHeader(col), col);
  for (const a of ALIASES[col]) BY_FOLDED.set(foldHeader(a), col);
}

/**
 * A column per header: the canonical name or a known alias, else what the user mapped last time for that header
 * (`remembered`, keyed by the folded header). A column is used once; later headers naming it again stay unmapped.
 */
export function suggestMapping(headers: string[], remembered: Record<string, string> = {}): (ImportColumn | null)[] {
  const used = new Set<ImportColumn>();
  return headers.map((h) => {
    const folded = foldHeader(h);
    const fromMemory = remembered[folded];
    const col = (fromMemory !== undefined ? (fromMemory || null) : BY_FOLDED.get(folded) ?? null) as ImportColumn | null;
    if (!col || !(IMPORT_COLUMNS as readonly string[]).includes(col) || used.has(col)) return null;
    used.add(col);
    return col;
  });
}
