import { FIGURES } from '../api/domain/totals';
import { createHash } from 'node:crypto';
import arCatalog from '../../renderer/src/i18n/locales/ar/totals.json';
import enCatalog from '../../renderer/src/i18n/locales/en/totals.json';
import kuCatalog from '../../renderer/src/i18n/locales/ku/totals.json';
import type { Locale } from '../api/schemas/common';
import type { Settings } from '../api/schemas/settings';
import type { TotalsQuery, TotalsResult } from '../api/schemas/totals';
import { canonicalJson } from './content';
import type { AppContext, Caller } from './context';
import { bilingual, frameData, type Digital } from './documents/frame';
import { produceDocument, qrFile } from './documents/pipeline';
import type { ProducedFile } from './files/store';
import { formatDate, type DocLang } from './report/labels';
import { getSettings } from './settings';
import { ensureIdentity, openSigner } from './signing/identity';
import { TOTALS_MARK_PREFIX } from './signing/sign';
import { exportCountryName, getTotals, totalsFileBase } from './totals';

const CATALOGS = { ar: arCatalog.totals, en: enCatalog.totals, ku: kuCatalog.totals } as const;
const num = (n: number, lang: DocLang) => new Intl.NumberFormat(lang === 'ar' ? 'ar-SY' : 'en-GB').format(n);

/** The data of resources/typst/totals.typ: the per-country table in the primary language with English beside it. */
function totalsDocument(o: {
  primary: 'ar' | 'ku';
  query: TotalsQuery;
  result: TotalsResult;
  settings: Settings;
  digital: Digital;
  contentHash: string;
  reference: string;
}) {
  const P = o.primary;
  const c = CATALOGS[P];
  const en = CATALOGS.en;
  const q = o.query;
  const period =
    q.from || q.to
      ? `${q.from ? formatDate(q.from, P) : '…'} – ${q.to ? formatDate(q.to, P) : '…'}`
      : c.filters.allTime;
  const camps = q.camps.length ? q.camps.map((k) => c.camps[k]).join('، ') : c.filters.allCamps;
  const head = ['country', ...FIGURES, 'first', 'last'] as const;
  const s = o.result.sum;
  return {
    ...frameData({
      primary: P,
      fontPt: 7.5,
      settings: o.settings,
      title: `${c.subtitle} / ${en.subtitle}`,
      subject: o.reference,
      digital: o.digital,
      reference: o.reference,
      contentHash: o.contentHash,
    }),
    title: bilingual(c.subtitle, en.subtitle),
    filters: [
      { labels: [bilingual(c.filters.from, en.filters.from), bilingual(c.filters.to, en.filters.to)], value: period },
      { labels: [bilingual(c.filters.camp, en.filters.camp)], value: camps },
      { labels: [], value: q.includeDrafts ? c.withDrafts : c.finalizedOnly },
    ],
    columns: head.map((k) => bilingual(c.columns[k], en.columns[k])),
    rows: o.result.countries.map((r) => ({
      country: bilingual(exportCountryName(r.country, P), exportCountryName(r.country, 'en')),
      figures: FIGURES.map((k) => num(r[k], P)),
      first: r.first,
      last: r.last,
    })),
    sum: {
      label: bilingual(c.sumRow, en.sumRow),
      figures: FIGURES.map((k) => num(s[k], P)),
      first: s.first ?? '—',
      last: s.last ?? '—',
    },
    hash: o.contentHash,
  };
}

/**
 * The totals as a one-page report, printed by the same printer and signed with the same organization key as the
 * handover report, so a donor or an authority can check it was not changed. Its hash covers the filter and figures.
 */
export async function exportTotalsPdf(
  ctx: AppContext,
  caller: Caller,
  q: TotalsQuery,
  lng: Locale,
): Promise<ProducedFile> {
  const primary = lng === 'ku' ? 'ku' : 'ar';
  const result = getTotals(ctx, q);
  const settings = getSettings(ctx);
  const at = ctx.now();
  const signer = openSigner(ctx, ensureIdentity(ctx, caller));
  const contentHash = createHash('sha256')
    .update(canonicalJson({ query: q, countries: result.countries, sum: result.sum }))
    .digest('hex');
  const mark = { referenceNo: `${TOTALS_MARK_PREFIX}${at.toISOString().slice(0, 10)}`, contentHash, version: 1 };
  const digital = { subject: signer.row.subject, fingerprint: signer.row.fingerprint };
  const made = await produceDocument(ctx, caller, {
    kind: 'totals',
    data: totalsDocument({ primary, query: q, result, settings, digital, contentHash, reference: mark.referenceNo }),
    files: await qrFile(mark),
    mark,
    signer,
    signature: {
      reason: 'Totals per receiving country',
      location: settings.defaultLocation,
      contactInfo: settings.reportAuthorityEn,
    },
    audit: { action: 'totals.report', entity: 'totals', details: { query: q, contentHash } },
    at,
  });
  return { fileName: `${totalsFileBase(q, at)}.pdf`, mime: 'application/pdf', bytes: made.bytes };
}
