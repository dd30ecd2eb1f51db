import type { Camp } from './handover';

/** Statuses that can count; void never does, whatever a caller passes. */
export type TotalsStatus = 'draft' | 'finalized';

export interface TotalsFilter {
  from?: string;
  to?: string;
  camps?: Camp[];
  statuses: TotalsStatus[];
}

export interface Figures {
  handovers: number;
  women: number;
  children: number;
  boys: number;
  girls: number;
  unaccompanied: number;
  men: number;
  persons: number;
}
export const FIGURES = [
  'handovers',
  'women',
  'children',
  'boys',
  'girls',
  'unaccompanied',
  'men',
  'persons',
] as const satisfies readonly (keyof Figures)[];

export interface CountryTotals extends Figures {
  country: string;
  first: string;
  last: string;
}
export interface TotalsSum extends Figures {
  first: string | null;
  last: string | null;
}

export const GRANULARITIES = ['month', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export interface PeriodTotals {
  period: string;
  handovers: number;
  persons: number;
}
