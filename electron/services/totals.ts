import countries from 'i18n-iso-countries';
import { createHash } from 'node:crypto';
import arNames from 'i18n-iso-countries/langs/ar.json';
import enNames from 'i18n-iso-countries/langs/en.json';
import kuNames from 'i18n-iso-countries/langs/ku.json';
import { writeAudit } from '../../db/queries/audit';
import { FIGURES, type TotalsFilter } from '../api/domain/totals';
import { countRecorded, countryTotals, periodTotals, sumCountryTotals } from '../../db/queries/totals';
import { countIncomplete } from '../../db/queries/completeness';
// The export's column headers come from the renderer's catalogs, so the file says what the screen says.
import arCatalog from '../../renderer/src/i18n/locales/ar/totals.json';
import enCatalog from '../../renderer/src/i18n/locales/en/totals.json';
import kuCatalog from '../../renderer/src/i18n/locales/ku/totals.json';
import type { Locale } from '../api/schemas/common';
import type { TimelineResult, TotalsQuery, TotalsResult } from '../api/schemas/totals';
import type { AppContext, Caller } from './context';
import { writeSheet, type Sheet } from './export-sheets';
import type { ProducedFile } from './files/store';

countries.registerLocale(arNames);
countries.registerLocale(enNames);
countries.registerLocale(kuNames);

export function toTotalsFilter(q: TotalsQuery): TotalsFilter {
  return { from: q.from, to: q.to, camps: q.camps, statuses: q.includeDrafts ? ['finalized', 'draft'] : ['finalized'] };
}

export function getTotals(ctx: AppContext, q: TotalsQuery): TotalsResult {
  const filter = toTotalsFilter(q);
  const rows = countryTotals(ctx.db.orm, filter);
  return {
    countries: rows,
    sum: sumCountryTotals(rows),
    recorded: countRecorded(ctx.db.orm),
    incomplete: countIncomplete(ctx.db.orm, filter),
  };
}

export function getTimeline(ctx: AppContext, q: TotalsQuery, granularity: 'month' | 'year'): TimelineResult {
  return { granularity, periods: periodTotals(ctx.db.orm, toTotalsFilter(q), granularity) };
}

const CATALOGS = { ar: arCatalog.totals, en: enCatalog.totals, ku: kuCatalog.totals } as const;

export function exportCountryName(code: string, lng: Locale): string {
  return countries.getName(code, lng, { select: 'official' }) ?? countries.getName(code, 'en') ?? code;
}

/** The totals table as a sheet: code, name in the export language, the figures, first/last date, a sum row. */
export function totalsSheet(result: Pick<TotalsResult, 'countries' | 'sum'>, lng: Locale): Sheet {
  const c = CATALOGS[lng];
  const s = result.sum;
  return {
    name: c.export.sheetName,
    rightToLeft: lng === 'ar',
    columns: [
      { header: c.columns.code, width: 8 },
      { header: c.columns.country, width: 28 },
      ...FIGURES.map((k) => ({ header: c.columns[k], width: 14, numFmt: '#,##0' })),
      { header: c.columns.first, width: 14 },
      { header: c.columns.last, width: 14 },
    ],
    rows: result.countries.map((r) => [
      r.country,
      exportCountryName(r.country, lng),
      ...FIGURES.map((k) => r[k]),
      r.first,
      r.last,
    ]),
    footer: [['', c.sumRow, ...FIGURES.map((k) => s[k]), s.first, s.last]],
  };
}

export function totalsFileBase(q: TotalsQuery, today: Date): string {
  const range = q.from || q.to ? `${q.from ?? 'start'}_${q.to ?? 'end'}` : today.toISOString().slice(0, 10);
  return `tasleem-totals-${range}`;
}

export async function exportTotals(
  ctx: AppContext,
  caller: Caller,
  q: TotalsQuery,
  format: 'csv' | 'xlsx',
  lng: Locale,
): Promise<ProducedFile> {
  const file = await writeSheet(totalsSheet(getTotals(ctx, q), lng), format, totalsFileBase(q, ctx.now()));
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  writeAudit(
    ctx.db.orm,
    {
      actor: caller.actor,
      action: 'totals.export',
      entity: 'totals',
      entityId: sha256,
      details: { fileName: file.fileName, format, query: q, sha256 },
    },
    ctx.now().toISOString(),
  );
  return { fileName: file.fileName, mime: file.mime, bytes: file.data };
}
