import { normalizeForSearch } from '../../../db/search-text';
import { IMPORT_COLUMNS, type ImportColumn } from '../../api/schemas/handover';

/** Headers seen in offices' own sheets (English, Arabic, Kurdish), folded like search text; a new column is known by its own name. */
const ALIASES: Partial<Record<ImportColumn, string[]>> = {
  reference_no: [
    'reference',
    'reference number',
    'ref',
    'ref no',
    'الرقم المرجعي',
    'رقم المرجع',
    'المرجع',
    'hejmara referansê',
    'referans',
  ],
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
  for (const a of ALIASES[col] ?? []) BY_FOLDED.set(foldHeader(a), col);
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
    const col = (
      fromMemory !== undefined ? fromMemory || null : (BY_FOLDED.get(folded) ?? null)
    ) as ImportColumn | null;
    if (!col || !(IMPORT_COLUMNS as readonly string[]).includes(col) || used.has(col)) return null;
    used.add(col);
    return col;
  });
}
