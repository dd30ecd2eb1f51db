import { z } from 'zod';
import { isoDate, locale } from './common';
import { CAMPS } from '../domain/handover';

/** The filter of the totals page, the CLI and the exports. Void records never count; drafts only when asked. */
export const totalsQuery = z
  .object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    camps: z
      .array(z.enum(CAMPS, { error: 'unknown_camp' }))
      .max(CAMPS.length)
      .default([]),
    includeDrafts: z.boolean().default(false),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'inverted_range' });
export type TotalsQuery = z.infer<typeof totalsQuery>;
export type TotalsQueryInput = z.input<typeof totalsQuery>;

const figures = {
  handovers: z.number().int(),
  women: z.number().int(),
  children: z.number().int(),
  boys: z.number().int(),
  girls: z.number().int(),
  unaccompanied: z.number().int(),
  men: z.number().int(),
  persons: z.number().int(),
};

export const countryTotalsRow = z.object({ country: z.string(), ...figures, first: z.string(), last: z.string() });
export type CountryTotalsRow = z.infer<typeof countryTotalsRow>;
export const totalsSum = z.object({ ...figures, first: z.string().nullable(), last: z.string().nullable() });
export type TotalsSumRow = z.infer<typeof totalsSum>;

export const totalsResult = z.object({
  countries: z.array(countryTotalsRow),
  sum: totalsSum,
  /** Records in the database whatever the filter (void excepted): 0 means nothing has been recorded yet. */
  recorded: z.number().int(),
  /** Of the handovers counted, those whose protocol leaves a party or the camp unrecorded (imported, issue 10). */
  incomplete: z.number().int(),
});
export type TotalsResult = z.infer<typeof totalsResult>;

export const GRANULARITIES = ['month', 'year'] as const;
export const timelineQuery = z
  .object({ filter: totalsQuery, granularity: z.enum(GRANULARITIES).default('month') })
  .strict();
export const timelineResult = z.object({
  granularity: z.enum(GRANULARITIES),
  periods: z.array(z.object({ period: z.string(), handovers: z.number().int(), persons: z.number().int() })),
});
export type TimelineResult = z.infer<typeof timelineResult>;

export const EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export const totalsExportQuery = z
  .object({ filter: totalsQuery, format: z.enum(EXPORT_FORMATS), locale: locale.default('ar') })
  .strict();
