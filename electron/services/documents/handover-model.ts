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

/**
 * The data of resources/typst/handover.typ: every text already in its language, so the template only lays out.
 * Arabic (or Kurmanji) first, English beside it. A name appears in the form the record holds; a second form per
 * script plugs in here (personName, the party rows) without touching the template.
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
  const head = joined(h.delegationHeadName, h.delegationHeadTitle);
  const preamble = (lang: DocLang) =>
    fill(LABELS.preamble[lang], {
      date: isolate(formatDate(h.handoverDate, lang)),
      place: isolate(place),
      authority: isolate(h.handingAuthority),
      country: isolate(m.countryName[lang]),
      head: isolate(head),
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
      { label: L('date'), value: formatDate(h.handoverDate, P), note: null, en: formatDate(h.handoverDate, 'en') },
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
          row('representedBy', joined(h.handingOfficialName, h.handingOfficialTitle)),
        ].filter((r) => r.value.length),
      },
      {
        title: L('receivingParty'),
        rows: [
          row('receivingCountry', m.countryName[P]),
          row('delegationBody', h.delegationBody),
          row('delegationHead', head),
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
        signatureBox('handing_official', byRole('handing_official')[0], h.handingOfficialName, h.handingOfficialTitle),
        signatureBox('delegation_head', byRole('delegation_head')[0], h.delegationHeadName, h.delegationHeadTitle),
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
