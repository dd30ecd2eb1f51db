import { exportTotals, getTimeline, getTotals } from '../services/totals';
import { exportTotalsPdf } from '../services/totals-report';
import { holdFor } from '../services/files/store';
import type { HandlersFor } from './types';

export const totalsHandlers: HandlersFor<'totals'> = {
  'totals:get': (ctx, _caller, q) => getTotals(ctx, q),
  'totals:timeline': (ctx, _caller, { filter, granularity }) => getTimeline(ctx, filter, granularity),
  'totals:export': async (ctx, caller, { filter, format, locale }) =>
    holdFor(
      ctx,
      caller.actor,
      format === 'pdf'
        ? await exportTotalsPdf(ctx, caller, filter, locale)
        : await exportTotals(ctx, caller, filter, format, locale),
    ),
};
