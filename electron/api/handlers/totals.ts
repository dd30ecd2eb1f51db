import { exportTotals, getTimeline, getTotals } from '../../services/totals';
import type { HandlersFor } from './types';

export const totalsHandlers: HandlersFor<'totals'> = {
  'totals:get': (ctx, _caller, q) => getTotals(ctx, q),
  'totals:timeline': (ctx, _caller, { filter, granularity }) => getTimeline(ctx, filter, granularity),
  'totals:export': (ctx, _caller, { filter, format, locale }) => exportTotals(ctx, filter, format, locale),
};
