/** The report's own words in its three languages (the renderer's catalogs are for the UI; the report prints in Node). */
export type DocLang = 'ar' | 'en' | 'ku';
type L = Record<DocLang, string>;

export const LABELS = {
  title: { ar: 'وثيقة تسليم', en: 'Handover Document', ku: 'Belgeya Radestkirinê' },
  reference: { ar: 'الرقم المرجعي', en: 'Reference No.', ku: 'Hejmara referansê' },
  date: { ar: 'التاريخ', en: 'Date', ku: 'Dîrok' },
  place: { ar: 'المكان', en: 'Place', ku: 'Cih' },
  camp: { ar: 'المخيم', en: 'Camp of origin', ku: 'Kampa jêderê' },
  version: { ar: 'الإصدار', en: 'Version', ku: 'Guherto' },
  handingParty: { ar: 'الجهة المسلِّمة', en: 'Handing authority', ku: 'Aliyê radestker' },
  receivingParty: { ar: 'الوفد المستلم', en: 'Receiving delegation', ku: 'Şandeya wergir' },
  receivingCountry: { ar: 'الدولة المستلمة', en: 'Receiving country', ku: 'Welatê wergir' },
  representedBy: { ar: 'ممثلةً بـ', en: 'Represented by', ku: 'Bi nûnertiya' },
  delegationHead: { ar: 'رئيس الوفد', en: 'Head of delegation', ku: 'Serokê şandeyê' },
  delegationBody: { ar: 'الجهة', en: 'Institution', ku: 'Sazî' },
  delegationMembers: { ar: 'أعضاء الوفد', en: 'Delegation members', ku: 'Endamên şandeyê' },
  persons: { ar: 'الأشخاص المسلَّمون', en: 'Persons handed over', ku: 'Kesên hatine radestkirin' },
  women: { ar: 'نساء', en: 'Women', ku: 'Jin' },
  children: { ar: 'أطفال', en: 'Children', ku: 'Zarok' },
  boys: { ar: 'ذكور', en: 'Boys', ku: 'Kur' },
  girls: { ar: 'إناث', en: 'Girls', ku: 'Keç' },
  unaccompanied: { ar: 'غير مصحوبين', en: 'Unaccompanied', ku: 'Bê serperişt' },
  men: { ar: 'رجال', en: 'Men', ku: 'Mêr' },
  total: { ar: 'المجموع', en: 'Total', ku: 'Giştî' },
  clauses: { ar: 'البنود', en: 'Clauses', ku: 'Xal' },
  notes: { ar: 'ملاحظات', en: 'Notes', ku: 'Têbînî' },
  signatures: { ar: 'التواقيع', en: 'Signatures', ku: 'Îmze' },
  signHanding: { ar: 'عن الجهة المسلِّمة', en: 'For the handing authority', ku: 'Ji bo aliyê radestker' },
  signDelegation: { ar: 'رئيس الوفد المستلم', en: 'Head of the receiving delegation', ku: 'Serokê şandeya wergir' },
  signWitness: { ar: 'شاهد', en: 'Witness', ku: 'Şahid' },
  signedAt: { ar: 'وقّع في', en: 'Signed at', ku: 'Hatiye îmzekirin' },
  notSigned: { ar: 'لم يوقَّع', en: 'Not signed', ku: 'Nehatiye îmzekirin' },
  annex: {
    ar: 'ملحق: قائمة الأشخاص المسلَّمين',
    en: 'Annex: list of persons handed over',
    ku: 'Pêvek: lîsteya kesên hatine radestkirin',
  },
  name: { ar: 'الاسم', en: 'Name', ku: 'Nav' },
  sex: { ar: 'الجنس', en: 'Sex', ku: 'Zayend' },
  birth: { ar: 'الولادة', en: 'Born', ku: 'Jidayikbûn' },
  category: { ar: 'الفئة', en: 'Category', ku: 'Kategorî' },
  mother: { ar: 'الأم', en: 'Mother', ku: 'Dayik' },
  idDocument: { ar: 'وثيقة الهوية', en: 'ID document', ku: 'Belgeya nasnameyê' },
  remarks: { ar: 'ملاحظة', en: 'Remark', ku: 'Têbînî' },
  female: { ar: 'أنثى', en: 'F', ku: 'M' },
  male: { ar: 'ذكر', en: 'M', ku: 'N' },
  woman: { ar: 'امرأة', en: 'Woman', ku: 'Jin' },
  child: { ar: 'طفل', en: 'Child', ku: 'Zarok' },
  man: { ar: 'رجل', en: 'Man', ku: 'Mêr' },
  unaccompaniedShort: { ar: 'غير مصحوب', en: 'unaccompanied', ku: 'bê serperişt' },
  consent: { ar: 'موافقة الأم مسجلة', en: "mother's consent recorded", ku: 'razîbûna dayikê hatiye tomarkirin' },
  digitallySigned: { ar: 'موقّع رقمياً', en: 'Digitally signed', ku: 'Bi dîjîtalî hatiye îmzekirin' },
  certificate: { ar: 'الشهادة', en: 'Certificate', ku: 'Sertîfîka' },
  draft: { ar: 'مسودة', en: 'DRAFT', ku: 'REŞNIVÎS' },
  void: { ar: 'ملغاة', en: 'VOID', ku: 'BETAL' },
  draftNote: {
    ar: 'مسودة غير معتمدة وغير موقّعة رقمياً',
    en: 'Draft: not finalized, not digitally signed',
    ku: 'Reşnivîs: ne pejirandî, bi dîjîtalî nehatiye îmzekirin',
  },
  page: { ar: 'صفحة', en: 'Page', ku: 'Rûpel' },
  of: { ar: 'من', en: 'of', ku: 'ji' },
  contentHash: { ar: 'بصمة المحتوى', en: 'Content SHA-256', ku: 'SHA-256 ya naverokê' },
  campAlHol: { ar: 'مخيم الهول', en: 'al-Hol camp', ku: 'Kampa Holê' },
  campRoj: { ar: 'مخيم روج', en: 'Roj camp', ku: 'Kampa Roj' },
  preamble: {
    ar: 'في {date}، وفي {place}، سلّمت {authority} الأشخاصَ المذكورين في هذه الوثيقة إلى وفد {country} برئاسة {head}.',
    en: 'On {date}, at {place}, the {authority} handed over the persons listed in this document to the delegation of {country} headed by {head}.',
    ku: 'Di {date} de, li {place}, {authority} kesên di vê belgeyê de hatine nivîsîn radestî şandeya {country} kir, bi serokatiya {head}.',
  },
} satisfies Record<string, L>;

export type LabelKey = keyof typeof LABELS;

const AR_DATE = new Intl.DateTimeFormat('ar-SY-u-nu-latn', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const EN_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** CLDR's Kurmanji, as the app's screens show it: one list of month names for the UI, the reports and the import. */
const KU_DATE = new Intl.DateTimeFormat('ku', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Latin digits in every language: the counts must read the same to both delegations (and to pdftotext). */
const AR_MONTH = new Intl.DateTimeFormat('ar-SY-u-nu-latn', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const EN_MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const KU_MONTH = new Intl.DateTimeFormat('ku', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A date known only to the month or year (issue 10) is written so: "March 2021", "2019", never its first day. */
export function formatDate(iso: string, lang: DocLang, precision?: 'month' | 'year' | null): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (precision === 'year') return String(d.getUTCFullYear());
  if (precision === 'month') return (lang === 'ar' ? AR_MONTH : lang === 'ku' ? KU_MONTH : EN_MONTH).format(d);
  return (lang === 'ar' ? AR_DATE : lang === 'ku' ? KU_DATE : EN_DATE).format(d);
}

export const formatTime = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
