import type { HandoverRow } from '../../../db/queries/handovers';
import type { PersonRow } from '../../../db/queries/persons';
import type { HandwrittenSignatureRow } from '../../../db/queries/signatures';
import type { Settings } from '../../api/schemas/settings';
import { LABELS, formatDate, formatTime, type DocLang, type LabelKey } from './labels';

/**
 * The one report template: the same HTML goes to printToPDF in the desktop app and to Chromium elsewhere.
 * Arabic (or Kurdish) first, English beside it. Every value that comes from a record is wrapped in <bdi> and English
 * runs are isolated (unicode-bidi: isolate), so Latin names and numbers keep their order inside Arabic sentences.
 */

export const PAGE = { widthMm: 210, heightMm: 297, marginTopMm: 14, marginSideMm: 14, marginBottomMm: 30 } as const;
/** The "digitally signed" box: absolutely placed at the top inline-end corner of page 1, so its position is exact. */
export const ESIGN_BOX = { widthMm: 64, heightMm: 25 } as const;

const PT_PER_MM = 72 / 25.4;
/** The signature widget's rectangle in PDF points (origin bottom-left) on page 1, over the template's box. */
export function esignWidgetRect(primary: DocLang): [number, number, number, number] {
  const left = primary === 'ar' ? PAGE.marginSideMm : PAGE.widthMm - PAGE.marginSideMm - ESIGN_BOX.widthMm;
  const top = PAGE.marginTopMm;
  const r = (mm: number) => Math.round(mm * PT_PER_MM * 100) / 100;
  return [r(left), r(PAGE.heightMm - top - ESIGN_BOX.heightMm), r(left + ESIGN_BOX.widthMm), r(PAGE.heightMm - top)];
}

export interface ReportModel {
  primary: 'ar' | 'ku';
  handover: HandoverRow;
  persons: PersonRow[];
  signatures: HandwrittenSignatureRow[];
  settings: Settings;
  contentHash: string;
  version: number;
  countryName: Record<DocLang, string>;
  /** Present when the PDF will be signed: what the visible box says. */
  digital: { subject: string; issuer: string; fingerprint: string; at: string } | null;
  qrSvg: string;
  fontsCss: string;
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const bdi = (s: unknown) => `<bdi>${esc(s)}</bdi>`;
const fill = (tpl: string, values: Record<string, string>) => tpl.replace(/\{(\w+)\}/g, (_m, k: string) => values[k] ?? '');

export function renderReportHtml(m: ReportModel): string {
  const P = m.primary;
  const dir = P === 'ar' ? 'rtl' : 'ltr';
  const h = m.handover;
  const isFinal = h.status === 'finalized';
  /** A bilingual label: primary language, then English isolated beside it. */
  const L = (k: LabelKey, cls = '') => `<span class="lbl ${cls}"><span lang="${P}">${esc(LABELS[k][P])}</span><span class="en" lang="en" dir="ltr">${esc(LABELS[k].en)}</span></span>`;
  const authority = { ar: m.settings.reportAuthorityAr, en: m.settings.reportAuthorityEn, ku: m.settings.reportAuthorityKu };
  const campName = (lang: DocLang) => (h.camp === 'al_hol' ? LABELS.campAlHol[lang] : h.camp === 'roj' ? LABELS.campRoj[lang] : h.campOther);
  const place = h.location || '—';
  const head = [h.delegationHeadName, h.delegationHeadTitle].filter(Boolean).join(', ');
  const preamble = (lang: DocLang) =>
    fill(esc(LABELS.preamble[lang]), {
      date: bdi(formatDate(h.handoverDate, lang)),
      place: bdi(place),
      authority: bdi(h.handingAuthority),
      country: bdi(m.countryName[lang]),
      head: bdi(head),
    });
  const total = h.womenCount + h.childrenCount + h.menCount;
  const watermark = h.status === 'draft' ? 'draft' : h.status === 'void' ? 'void' : null;

  const party = (title: string, rows: [string, string][]) =>
    `<section class="party"><h3>${title}</h3><dl>${rows
      .filter(([, v]) => v)
      .map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`)
      .join('')}</dl></section>`;
  const members = h.delegationMembers.map((x) => bdi([x.name, x.title].filter(Boolean).join(', '))).join('<br>');

  const clauses = m.settings.reportClauses
    .map((c, i) => {
      const first = c[P] || c.en;
      return `<li><span class="num">${i + 1}.</span><div class="bi"><p lang="${P}">${esc(first)}</p>${c.en && first !== c.en ? `<p class="en" lang="en" dir="ltr">${esc(c.en)}</p>` : ''}</div></li>`;
    })
    .join('');

  const roleLabel: Record<HandwrittenSignatureRow['role'], LabelKey> = { handing_official: 'signHanding', delegation_head: 'signDelegation', witness: 'signWitness' };
  const sigBlock = (role: HandwrittenSignatureRow['role'], s: HandwrittenSignatureRow | undefined, fallbackName: string, fallbackTitle: string) => `
    <div class="sig">
      <div class="sig-role">${L(roleLabel[role])}</div>
      <div class="sig-img">${s ? `<img alt="" src="data:image/png;base64,${Buffer.from(s.image).toString('base64')}">` : `<span class="unsigned">${L('notSigned')}</span>`}</div>
      <div class="sig-name">${bdi(s?.signerName ?? fallbackName)}</div>
      <div class="sig-title">${bdi(s?.signerTitle ?? fallbackTitle)}</div>
      ${s ? `<div class="sig-time">${L('signedAt', 'small')} ${bdi(formatTime(s.signedAt))}</div>` : ''}
    </div>`;
  const byRole = (r: HandwrittenSignatureRow['role']) => m.signatures.filter((s) => s.role === r);
  const witnesses = byRole('witness');
  const signatures = [
    sigBlock('handing_official', byRole('handing_official')[0], h.handingOfficialName, h.handingOfficialTitle),
    sigBlock('delegation_head', byRole('delegation_head')[0], h.delegationHeadName, h.delegationHeadTitle),
    ...witnesses.map((w) => sigBlock('witness', w, '', '')),
  ].join('');

  const personName = (p: PersonRow) => [p.fullNameAr, p.fullNameLatin].filter(Boolean).map(bdi).join('<br>');
  const byId = new Map(m.persons.map((p) => [p.id, p]));
  const annex = m.persons.length
    ? `<section class="annex"><h2>${L('annex')}</h2>
      <table class="grid annex-table"><thead><tr><th>#</th><th>${L('name')}</th><th>${L('sex')}</th><th>${L('birth')}</th><th>${L('category')}</th><th>${L('mother')}</th><th>${L('idDocument')}</th><th>${L('remarks')}</th></tr></thead><tbody>
      ${m.persons
        .map((p, i) => {
          const mother = p.motherId ? byId.get(p.motherId) : undefined;
          const remarks = [p.unaccompanied ? 'unaccompaniedShort' : null, p.consentRecorded ? 'consent' : null].filter((x): x is LabelKey => !!x).map((k) => L(k, 'small')).join(' ');
          return `<tr><td class="n">${i + 1}</td><td>${personName(p)}</td><td>${L(p.sex === 'f' ? 'female' : 'male', 'small')}</td><td class="n">${bdi(p.birthDate ?? p.birthYear ?? '')}</td><td>${L(p.category, 'small')}</td><td>${mother ? personName(mother) : ''}</td><td>${bdi(p.idDocumentNo)}</td><td>${remarks}</td></tr>`;
        })
        .join('')}
      </tbody></table></section>`
    : '';

  const esign = m.digital
    ? `<div class="esign" data-testid="esign"><div class="esign-h">${L('digitallySigned')}</div><div class="esign-who">${bdi(m.digital.subject)}</div><div class="esign-meta"><bdi>${esc(formatTime(m.digital.at))}</bdi></div><div class="esign-meta"><bdi>SHA-256 ${esc(m.digital.fingerprint.slice(0, 16).replace(/(..)/g, '$1:').slice(0, -1).toUpperCase())}…</bdi></div></div>`
    : '';
  const logo = m.settings.reportLogo ? `<img class="logo" alt="" src="${esc(m.settings.reportLogo)}">` : '';
  const qrUrl = `data:image/svg+xml;base64,${Buffer.from(m.qrSvg).toString('base64')}`;
  const footerText = `${h.referenceNo} · ${LABELS.page.en} `;

  return `<!doctype html>
<html lang="${P}" dir="${dir}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'">
<title>${esc(LABELS.title[P])} — ${esc(h.referenceNo)}</title>
<style>
${m.fontsCss}
@page { size: A4; margin: ${PAGE.marginTopMm}mm ${PAGE.marginSideMm}mm ${PAGE.marginBottomMm}mm ${PAGE.marginSideMm}mm;
  @bottom-center { content: "${esc(footerText)}" counter(page) " / " counter(pages); font-family: 'Tasleem'; font-size: 8pt; color: #444; }
  @bottom-${P === 'ar' ? 'left' : 'right'} { content: url("${qrUrl}"); vertical-align: middle; }
  @bottom-${P === 'ar' ? 'right' : 'left'} { content: "SHA-256 ${m.contentHash.slice(0, 16)}…"; font-family: 'Tasleem'; font-size: 7pt; color: #666; }
}
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: 'Tasleem', sans-serif; font-size: 9.5pt; line-height: 1.4; color: #111; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
bdi { unicode-bidi: isolate; }
.en { unicode-bidi: isolate; direction: ltr; }
.lbl > .en { color: #555; font-size: 0.85em; margin: 0 0.45em; }
.small { font-size: 0.9em; }
header { display: grid; grid-template-columns: 1fr auto ${ESIGN_BOX.widthMm}mm; gap: 4mm; align-items: start; min-height: ${ESIGN_BOX.heightMm}mm; border-bottom: 1.2pt solid #1d3c5a; padding-bottom: 3mm; }
header .authority p { margin: 0; font-weight: 700; }
header .authority p.en { font-weight: 400; font-size: 9pt; color: #333; }
header .logo { max-height: 22mm; max-width: 40mm; }
.esign { position: absolute; top: 0; ${P === 'ar' ? 'left' : 'right'}: 0; width: ${ESIGN_BOX.widthMm}mm; height: ${ESIGN_BOX.heightMm}mm; border: 1pt solid #1d3c5a; border-radius: 2mm; padding: 1.5mm 2.5mm; font-size: 7.5pt; line-height: 1.3; background: #f3f7fb; overflow: hidden; }
.esign-h { font-weight: 700; color: #1d3c5a; }
.esign-who { font-weight: 700; }
.esign-meta { color: #333; }
.titleblock { text-align: center; margin: 3mm 0 2mm; }
.titleblock h1 { margin: 0; font-size: 20pt; letter-spacing: 0; }
.titleblock .en { display: block; font-size: 13pt; font-weight: 700; color: #1d3c5a; }
table.meta { width: 100%; border-collapse: collapse; margin: 2mm 0 3mm; }
table.meta th { text-align: start; font-weight: 400; width: 28%; padding: 0.4mm 0; }
table.meta td { font-weight: 700; padding: 0.4mm 0; }
.bi p { margin: 0 0 1mm; }
.bi p.en { color: #333; font-size: 9pt; }
h2 { font-size: 11pt; margin: 3mm 0 1.5mm; color: #1d3c5a; border-bottom: 0.6pt solid #aac; padding-bottom: 1mm; }
h3 { font-size: 10.5pt; margin: 0 0 1.5mm; }
.parties { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
.party { border: 0.6pt solid #99a; border-radius: 1.5mm; padding: 2.5mm 3mm; break-inside: avoid; }
.party dl { margin: 0; }
.party dt { color: #444; font-size: 0.85em; }
.party dd { margin: 0 0 1mm; font-weight: 700; }
table.grid { width: 100%; border-collapse: collapse; }
table.grid th, table.grid td { border: 0.6pt solid #667; padding: 1.2mm 1.5mm; text-align: center; vertical-align: middle; }
table.grid th { background: #e8eef5; font-weight: 700; }
table.counts td { font-size: 13pt; font-weight: 700; }
td.n { text-align: center; }
ol.clauses { list-style: none; margin: 0; padding: 0; }
ol.clauses li { display: grid; grid-template-columns: 5mm 1fr; margin-bottom: 1.2mm; break-inside: avoid; }
ol.clauses .bi { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
ol.clauses .bi p { margin: 0; }
.sigs { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; margin-top: 3mm; }
.sig { border: 0.6pt solid #99a; border-radius: 1.5mm; padding: 1.5mm 3mm; break-inside: avoid; }
.sig-role { font-weight: 700; }
.sig-img { height: 20mm; display: flex; align-items: center; justify-content: center; border-bottom: 0.6pt dotted #667; margin: 1mm 0; }
.sig-img img { max-height: 19mm; max-width: 100%; }
.unsigned { color: #999; }
.sig-name { font-weight: 700; }
.sig-time { color: #444; font-size: 8pt; }
section.signatures h2 { break-after: avoid; }
.annex { break-before: page; }
.annex-table { font-size: 8.5pt; }
.annex-table td { text-align: start; }
.hash { font-size: 7.5pt; color: #555; margin-top: 4mm; word-break: break-all; }
.watermark { position: fixed; top: 40%; left: 0; right: 0; text-align: center; transform: rotate(-30deg); font-size: 84pt; font-weight: 700; color: rgba(190, 20, 20, 0.16); z-index: 10; pointer-events: none; white-space: nowrap; }
.draftnote { border: 1pt solid #b22; color: #b22; padding: 1.5mm 3mm; margin: 2mm 0; text-align: center; font-weight: 700; }
</style></head>
<body>
${watermark ? `<div class="watermark" data-testid="watermark"><span lang="${P}">${esc(LABELS[watermark][P])}</span> · <span class="en" lang="en" dir="ltr">${esc(LABELS[watermark].en)}</span></div>` : ''}
${esign}
<header>
  <div class="authority"><p lang="${P}">${esc(authority[P])}</p><p class="en" lang="en" dir="ltr">${esc(authority.en)}</p></div>
  <div>${logo}</div>
  <div></div>
</header>
<div class="titleblock"><h1 lang="${P}">${esc(LABELS.title[P])}</h1><span class="en" lang="en" dir="ltr">${esc(LABELS.title.en)}</span></div>
${isFinal ? '' : `<div class="draftnote">${L(watermark ?? 'draft')} — ${esc(LABELS.draftNote[P])} · <span class="en" lang="en" dir="ltr">${esc(LABELS.draftNote.en)}</span></div>`}
<table class="meta"><tbody>
  <tr><th>${L('reference')}</th><td>${bdi(h.referenceNo)}${h.version > 1 || isFinal ? ` <span class="small">(${esc(LABELS.version[P])} ${bdi(m.version)})</span>` : ''}</td></tr>
  <tr><th>${L('date')}</th><td>${bdi(formatDate(h.handoverDate, P))} <span class="en">(${esc(formatDate(h.handoverDate, 'en'))})</span></td></tr>
  <tr><th>${L('place')}</th><td>${bdi(place)}</td></tr>
  <tr><th>${L('camp')}</th><td>${bdi(campName(P))} <span class="en">(${esc(campName('en'))})</span></td></tr>
  <tr><th>${L('receivingCountry')}</th><td>${bdi(m.countryName[P])} <span class="en">(${esc(m.countryName.en)})</span></td></tr>
</tbody></table>
<div class="bi"><p lang="${P}">${preamble(P)}</p><p class="en" lang="en" dir="ltr">${preamble('en')}</p></div>
<div class="parties">
  ${party(L('handingParty'), [[L('handingParty', 'small'), bdi(h.handingAuthority)], [L('representedBy', 'small'), bdi([h.handingOfficialName, h.handingOfficialTitle].filter(Boolean).join(', '))]])}
  ${party(L('receivingParty'), [[L('receivingCountry', 'small'), bdi(m.countryName[P])], [L('delegationBody', 'small'), h.delegationBody ? bdi(h.delegationBody) : ''], [L('delegationHead', 'small'), bdi(head)], [L('delegationMembers', 'small'), members]])}
</div>
<h2>${L('persons')}</h2>
<table class="grid counts"><thead>
  <tr><th rowspan="2">${L('women')}</th><th colspan="4">${L('children')}</th><th rowspan="2">${L('men')}</th><th rowspan="2">${L('total')}</th></tr>
  <tr><th>${L('total', 'small')}</th><th>${L('boys', 'small')}</th><th>${L('girls', 'small')}</th><th>${L('unaccompanied', 'small')}</th></tr>
</thead><tbody><tr>
  <td>${h.womenCount}</td><td>${h.childrenCount}</td><td>${h.boysCount}</td><td>${h.girlsCount}</td><td>${h.unaccompaniedCount}</td><td>${h.menCount}</td><td>${total}</td>
</tr></tbody></table>
${m.settings.reportClauses.length ? `<h2>${L('clauses')}</h2><ol class="clauses">${clauses}</ol>` : ''}
${h.notes ? `<h2>${L('notes')}</h2><p>${bdi(h.notes)}</p>` : ''}
<section class="signatures"><h2>${L('signatures')}</h2><div class="sigs">${signatures}</div></section>
<div class="hash">${L('contentHash', 'small')}: <bdi>${esc(m.contentHash)}</bdi></div>
${annex}
</body></html>`;
}
