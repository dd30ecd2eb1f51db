import type { HandoverRow } from '../../../db/queries/handovers';
import type { PersonRow } from '../../../db/queries/persons';
import type { HandwrittenSignatureRow } from '../../../db/queries/signatures';
import type { Settings } from '../../api/schemas/settings';
import { LABELS, formatDate, formatTime, type DocLang, type LabelKey } from '../report/labels';
import { frameData, isolate, label, type Digital } from './frame';

export interface HandoverDocInput {
  primary: 'ar' | 'ku';
  handover: HandoverRow;
  persons: PersonRow[];
  signatures: HandwrittenSignatureRow[];
  settings: Settings;
  contentHash: string;
  countryName: Record<DocLang, string>;
  digital: Digital | null;
}

const fill = (tpl: string, values: Record<string, string>) =>
  tpl.replace(/\{(\w+)\}/g, (_m, k: string) => values[k] ?? '');
const joined = (...parts: string[]) => parts.filter(Boolean).join(', ');

const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
/** The half of the protocol a language writes: Arabic letters for Arabic, Latin ones for English and Kurmanji. */
const scriptOf = (lang: DocLang) => (lang === 'ar' ? 'arabic' : 'latin');

/**
 * A name as one half of the protocol writes it (issue 10): of the record's form and its form in the other script,
 * the one in that half's script; the one that exists when only one does (a name is never transliterated here).
 */
export function nameIn(script: 'arabic' | 'latin', name: string, other: string | null): string {
  const forms = [name, other ?? ''].filter(Boolean);
  return forms.find((f) => ARABIC_LETTER.test(f) === (script === 'arabic')) ?? forms[0] ?? '';
}
/** Both forms of a name, the primary half's first; one when they are the same or only one exists. */
const bothForms = (first: string, name: string, other: string | null) => [
  ...new Set([first, ...[name, other ?? ''].filter(Boolean)]),
];

/**
 * The data of resources/typst/handover.typ: every text already in its language, so the template only lays out.
 * Arabic (or Kurmanji) first, English beside it. Each half writes a party's name in its own script (nameIn); the
 * party rows and signature boxes give both forms, the primary half's first.
 */
export function handoverDocument(m: HandoverDocInput) {
  const P = m.primary;
  const h = m.handover;
  const L = (k: LabelKey) => label(k, P);
  const isFinal = h.status === 'finalized';
  const watermark = h.status === 'draft' ? 'draft' : h.status === 'void' ? 'void' : null;
  const campName = (lang: DocLang) =>
    h.camp === 'al_hol' ? LABELS.campAlHol[lang] : h.camp === 'roj' ? LABELS.campRoj[lang] : h.campOther;
  const place = h.location || '—';
  const headIn = (lang: DocLang) => nameIn(scriptOf(lang), h.delegationHeadName, h.delegationHeadNameLatin);
  const officialIn = (lang: DocLang) => nameIn(scriptOf(lang), h.handingOfficialName, h.handingOfficialNameLatin);
  const heads = bothForms(headIn(P), h.delegationHeadName, h.delegationHeadNameLatin);
  const officials = bothForms(officialIn(P), h.handingOfficialName, h.handingOfficialNameLatin);
  const withTitle = (names: string[], title: string) => names.map((n, i) => (i === 0 ? joined(n, title) : n));
  const preamble = (lang: DocLang) =>
    fill(LABELS.preamble[lang], {
      date: isolate(formatDate(h.handoverDate, lang, h.datePrecision)),
      place: isolate(place),
      authority: isolate(h.handingAuthority),
      country: isolate(m.countryName[lang]),
      head: isolate(joined(headIn(lang), h.delegationHeadTitle)),
    });
  const row = (k: LabelKey, value: string | string[]) => ({ label: L(k), value });
  const files: Record<string, Uint8Array> = {};
  const image = (s: HandwrittenSignatureRow) => {
    const path = `/doc/signature-${Object.keys(files).length + 1}.png`;
    files[path] = s.image;
    return path;
  };
  const signatureBox = (
    role: HandwrittenSignatureRow['role'],
    s: HandwrittenSignatureRow | undefined,
    name: string,
    title: string,
  ) => ({
    role: L(
      role === 'handing_official' ? 'signHanding' : role === 'delegation_head' ? 'signDelegation' : 'signWitness',
    ),
    image: s ? image(s) : null,
    'not-signed': L('notSigned'),
    name: s?.signerName ?? name,
    title: s?.signerTitle ?? title,
    'signed-at': s ? { label: L('signedAt'), at: formatTime(s.signedAt) } : null,
  });
  const byRole = (r: HandwrittenSignatureRow['role']) => m.signatures.filter((s) => s.role === r);
  const personName = (p: PersonRow) => [p.fullNameAr, p.fullNameLatin].filter(Boolean);
  const byId = new Map(m.persons.map((p) => [p.id, p]));

  const logo = logoFile(m.settings.reportLogo);
  if (logo) files[logo.path] = logo.bytes;

  const data = {
    ...frameData({
      primary: P,
      fontPt: 9,
      settings: m.settings,
      title: `${LABELS.title[P]} / ${LABELS.title.en} — ${h.referenceNo}`,
      subject: `${h.referenceNo} ${h.handoverDate} ${h.receivingCountry}`,
      digital: m.digital,
      reference: h.referenceNo,
      contentHash: m.contentHash,
    }),
    logo: logo?.path ?? null,
    watermark: watermark ? L(watermark) : null,
    title: L('title'),
    'draft-note': isFinal ? null : { mark: L(watermark ?? 'draft'), ...L('draftNote') },
    meta: [
      {
        label: L('reference'),
        value: h.referenceNo,
        note: h.version > 1 || isFinal ? `(${LABELS.version[P]} ${h.version})` : null,
        en: null,
      },
      {
        label: L('date'),
        value: formatDate(h.handoverDate, P, h.datePrecision),
        note: null,
        en: formatDate(h.handoverDate, 'en', h.datePrecision),
      },
      { label: L('place'), value: place, note: null, en: null },
      { label: L('camp'), value: campName(P), note: null, en: campName('en') },
      { label: L('receivingCountry'), value: m.countryName[P], note: null, en: m.countryName.en },
    ],
    preamble: { p: preamble(P), en: preamble('en') },
    parties: [
      {
        title: L('handingParty'),
        rows: [
          row('handingParty', h.handingAuthority),
          row('representedBy', withTitle(officials, h.handingOfficialTitle)),
        ].filter((r) => r.value.length),
      },
      {
        title: L('receivingParty'),
        rows: [
          row('receivingCountry', m.countryName[P]),
          row('delegationBody', h.delegationBody),
          row('delegationHead', withTitle(heads, h.delegationHeadTitle)),
          row(
            'delegationMembers',
            h.delegationMembers.map((x) => joined(x.name, x.title)),
          ),
        ].filter((r) => r.value.length),
      },
    ],
    counts: {
      title: L('persons'),
      women: L('women'),
      children: L('children'),
      men: L('men'),
      total: L('total'),
      'child-columns': [L('total'), L('boys'), L('girls'), L('unaccompanied')],
      values: [
        h.womenCount,
        h.childrenCount,
        h.boysCount,
        h.girlsCount,
        h.unaccompaniedCount,
        h.menCount,
        h.womenCount + h.childrenCount + h.menCount,
      ],
    },
    clauses: {
      title: L('clauses'),
      items: m.settings.reportClauses.map((c) => {
        const first = c[P] || c.en;
        return { p: first, en: c.en && first !== c.en ? c.en : null };
      }),
    },
    notes: h.notes ? { title: L('notes'), text: h.notes } : null,
    signatures: {
      title: L('signatures'),
      boxes: [
        signatureBox('handing_official', byRole('handing_official')[0], officials.join(' / '), h.handingOfficialTitle),
        signatureBox('delegation_head', byRole('delegation_head')[0], heads.join(' / '), h.delegationHeadTitle),
        ...byRole('witness').map((w) => signatureBox('witness', w, '', '')),
      ],
    },
    hash: { label: L('contentHash'), value: m.contentHash },
    annex: m.persons.length
      ? {
          title: L('annex'),
          columns: [
            { p: '#', en: '' },
            L('name'),
            L('sex'),
            L('birth'),
            L('category'),
            L('mother'),
            L('idDocument'),
            L('remarks'),
          ],
          rows: m.persons.map((p, i) => {
            const mother = p.motherId ? byId.get(p.motherId) : undefined;
            return {
              n: i + 1,
              name: personName(p),
              sex: L(p.sex === 'f' ? 'female' : 'male'),
              born: String(p.birthDate ?? p.birthYear ?? ''),
              category: L(p.category),
              mother: mother ? personName(mother) : [],
              'id-document': p.idDocumentNo,
              remarks: [
                p.unaccompanied ? L('unaccompaniedShort') : null,
                p.consentRecorded ? L('consent') : null,
              ].filter((x) => x !== null),
            };
          }),
        }
      : null,
  };
  return { data, files };
}

/** The organization's logo (settings: a PNG or JPEG data URL) as a file for the template. */
function logoFile(dataUrl: string): { path: string; bytes: Buffer } | null {
  const m = /^data:image\/(png|jpeg);base64,(.+)$/.exec(dataUrl);
  return m ? { path: `/doc/logo.${m[1] === 'png' ? 'png' : 'jpg'}`, bytes: Buffer.from(m[2], 'base64') } : null;
}
