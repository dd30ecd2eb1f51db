import { exportTotals, getTimeline, getTotals } from '../services/totals';
import { exportTotalsPdf } from '../services/totals-report';
import type { HandlersFor } from './types';

export const totalsHandlers: HandlersFor<'totals'> = {
  'totals:get': (ctx, _caller, q) => getTotals(ctx, q),
  'totals:timeline': (ctx, _caller, { filter, granularity }) => getTimeline(ctx, filter, granularity),
  'totals:export': (ctx, caller, { filter, format, locale }) =>
    format === 'pdf' ? exportTotalsPdf(ctx, caller, filter, locale) : exportTotals(ctx, caller, filter, format, locale),
};
