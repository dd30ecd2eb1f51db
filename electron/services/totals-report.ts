import { createHash } from 'node:crypto';
import arCatalog from '../../renderer/src/i18n/locales/ar/totals.json';
import enCatalog from '../../renderer/src/i18n/locales/en/totals.json';
import kuCatalog from '../../renderer/src/i18n/locales/ku/totals.json';
import { writeAudit } from '../../db/queries/audit';
import { AppError } from '../api/result';
import type { Locale } from '../api/schemas/common';
import type { ExportedFile, TotalsQuery, TotalsResult } from '../api/schemas/totals';
import { canonicalJson } from './content';
import type { AppContext, Caller } from './context';
import { inlineFontsCss } from './report/assets';
import { LABELS, formatDate, formatTime, type DocLang } from './report/labels';
import { ESIGN_BOX, PAGE, esignWidgetRect } from './report/template';
import { getSettings } from './settings';
import { ensureIdentity, openSigner } from './signing/identity';
import { TOTALS_MARK_PREFIX, signReport } from './signing/sign';
import { FIGURE_COLUMNS, exportCountryName, getTotals, totalsFileBase } from './totals';

const CATALOGS = { ar: arCatalog.totals, en: enCatalog.totals, ku: kuCatalog.totals } as const;
const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const num = (n: number, lang: DocLang) => new Intl.NumberFormat(lang === 'ar' ? 'ar-SY' : 'en-GB').format(n);

interface TotalsReportModel {
  primary: 'ar' | 'ku';
  query: TotalsQuery;
  result: TotalsResult;
  authority: Record<DocLang, string>;
  digital: { subject: string; at: string; fingerprint: string };
  contentHash: string;
  fontsCss: string;
}

/** One A4 page in the report's style: the per-country table in the primary language with English headings beside. */
function renderTotalsHtml(m: TotalsReportModel): string {
  const P = m.primary;
  const c = CATALOGS[P];
  const en = CATALOGS.en;
  const L = (p: string, e: string) => `<span>${esc(p)}</span><span class="en" lang="en" dir="ltr">${esc(e)}</span>`;
  const q = m.query;
  const period = q.from || q.to ? `${q.from ? formatDate(q.from, P) : '…'} – ${q.to ? formatDate(q.to, P) : '…'}` : c.filters.allTime;
  const camps = q.camps.length ? q.camps.map((k) => c.camps[k]).join('، ') : c.filters.allCamps;
  const status = q.includeDrafts ? c.withDrafts : c.finalizedOnly;
  const head = ['country', ...FIGURE_COLUMNS, 'first', 'last'] as const;
  const row = (cells: string[], cls = '') => `<tr class="${cls}">${cells.map((x, i) => `<td class="${i === 0 ? '' : 'num'}">${x}</td>`).join('')}</tr>`;
  const body = m.result.countries
    .map((r) => row([`<bdi>${esc(exportCountryName(r.country, P))}</bdi> <span class="en">${esc(exportCountryName(r.country, 'en'))}</span>`, ...FIGURE_COLUMNS.map((k) => num(r[k], P)), `<bdi>${esc(r.first)}</bdi>`, `<bdi>${esc(r.last)}</bdi>`]))
    .join('');
  const s = m.result.sum;
  const sum = row([L(c.sumRow, en.sumRow), ...FIGURE_COLUMNS.map((k) => num(s[k], P)), `<bdi>${esc(s.first ?? '—')}</bdi>`, `<bdi>${esc(s.last ?? '—')}</bdi>`], 'sum');
  return `<!doctype html><html lang="${P}" dir="${P === 'ar' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><style>
${m.fontsCss}
@page { size: A4; margin: ${PAGE.marginTopMm}mm ${PAGE.marginSideMm}mm ${PAGE.marginBottomMm}mm ${PAGE.marginSideMm}mm; }
* { box-sizing: border-box; }
html, body { margin: 0; }
body { font-family: 'Tasleem', sans-serif; font-size: 7.5pt; color: #111; position: relative; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
bdi, .en { unicode-bidi: isolate; }
.en { direction: ltr; color: #555; font-size: 0.85em; margin: 0 0.4em; }
header { min-height: ${ESIGN_BOX.heightMm}mm; border-bottom: 1.2pt solid #1d3c5a; padding-bottom: 3mm; ${P === 'ar' ? 'padding-left' : 'padding-right'}: ${ESIGN_BOX.widthMm + 4}mm; }
header p { margin: 0; font-weight: 700; }
h1 { font-size: 15pt; margin: 4mm 0 1mm; color: #1d3c5a; }
.filters { margin: 2mm 0 3mm; color: #333; }
.esign { position: absolute; top: 0; ${P === 'ar' ? 'left' : 'right'}: 0; width: ${ESIGN_BOX.widthMm}mm; height: ${ESIGN_BOX.heightMm}mm; border: 1pt solid #1d3c5a; border-radius: 2mm; padding: 1.5mm 2.5mm; font-size: 7.5pt; background: #f3f7fb; overflow: hidden; }
table { width: 100%; border-collapse: collapse; }
table { table-layout: fixed; }
th, td { border: 0.6pt solid #8a9bb0; padding: 1mm 1mm; overflow-wrap: anywhere; text-align: start; vertical-align: top; }
th { background: #e8eef5; font-weight: 700; }
td.num { text-align: end; white-space: nowrap; }
tr.sum td { font-weight: 700; background: #f3f7fb; }
footer { margin-top: 4mm; font-size: 7pt; color: #444; direction: ltr; }
</style></head><body>
<div class="esign"><div><b>${L(LABELS.digitallySigned[P], LABELS.digitallySigned.en)}</b></div><div><bdi>${esc(m.digital.subject)}</bdi></div><div><bdi>${esc(formatTime(m.digital.at))}</bdi></div><div><bdi>SHA-256 ${esc(m.digital.fingerprint.slice(0, 16).toUpperCase())}…</bdi></div></div>
<header><p>${esc(m.authority[P])}</p><p class="en">${esc(m.authority.en)}</p></header>
<h1>${esc(c.subtitle)}<br><span class="en" lang="en" dir="ltr">${esc(en.subtitle)}</span></h1>
<div class="filters">${L(c.filters.from, en.filters.from)}/${L(c.filters.to, en.filters.to)}: <bdi>${esc(period)}</bdi> · ${L(c.filters.camp, en.filters.camp)}: <bdi>${esc(camps)}</bdi> · <bdi>${esc(status)}</bdi></div>
<table><colgroup><col style="width: 20%">${FIGURE_COLUMNS.map(() => '<col style="width: 7.5%">').join('')}<col style="width: 10%"><col style="width: 10%"></colgroup><thead><tr>${head.map((k) => `<th>${esc(c.columns[k])}<br><span class="en">${esc(en.columns[k])}</span></th>`).join('')}</tr></thead>
<tbody>${body}${sum}</tbody></table>
<footer>Tasleem · ${esc(formatTime(m.digital.at))} · SHA-256 ${esc(m.contentHash)}</footer>
</body></html>`;
}

/**
 * The totals as a one-page report, printed by the same printer and signed with the same organization key as the
 * handover report, so a donor or an authority can check it was not changed. Its hash covers the filter and figures.
 */
export async function exportTotalsPdf(ctx: AppContext, caller: Caller, q: TotalsQuery, lng: Locale): Promise<ExportedFile> {
  if (!ctx.pdf) throw new AppError('PDF_UNAVAILABLE', 'PDF printing is not available in this mode');
  const primary = lng === 'ku' ? 'ku' : 'ar';
  const result = getTotals(ctx, q);
  const settings = getSettings(ctx);
  const at = ctx.now();
  const signer = openSigner(ctx, ensureIdentity(ctx, caller));
  const contentHash = createHash('sha256').update(canonicalJson({ query: q, countries: result.countries, sum: result.sum })).digest('hex');
  const mark = { referenceNo: `${TOTALS_MARK_PREFIX}${at.toISOString().slice(0, 10)}`, contentHash, version: 1 };
  const html = renderTotalsHtml({
    primary,
    query: q,
    result,
    authority: { ar: settings.reportAuthorityAr, en: settings.reportAuthorityEn, ku: settings.reportAuthorityKu },
    digital: { subject: signer.row.subject, at: at.toISOString(), fingerprint: signer.row.fingerprint },
    contentHash,
    fontsCss: inlineFontsCss(ctx),
  });
  let pdf: Buffer;
  try {
    pdf = await ctx.pdf.htmlToPdf(html);
  } catch (err) {
    throw new AppError('PDF_UNAVAILABLE', `The totals report could not be printed: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
  }
  const bytes = await signReport(pdf, { title: `${CATALOGS[primary].subtitle} / ${CATALOGS.en.subtitle}`, subject: mark.referenceNo, author: settings.reportAuthorityEn, mark }, {
    p12: signer.p12,
    password: signer.password,
    widgetRect: esignWidgetRect(primary),
    reason: 'Totals per receiving country',
    location: settings.defaultLocation,
    contactInfo: settings.reportAuthorityEn,
    name: signer.row.subject,
    signingTime: at,
  });
  const fileSha256 = createHash('sha256').update(bytes).digest('hex');
  writeAudit(ctx.db.orm, { actor: caller.actor, action: 'totals.report', entity: 'totals', details: { query: q, contentHash, fileSha256, certificate: signer.row.fingerprint } }, at.toISOString());
  return { fileName: `${totalsFileBase(q, at)}.pdf`, mime: 'application/pdf', base64: bytes.toString('base64') };
}
