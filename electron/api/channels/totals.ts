import { exportedFile, timelineQuery, timelineResult, totalsExportQuery, totalsQuery, totalsResult } from '../schemas/totals';
import { channel } from './define';

export const totalsChannels = {
  'totals:get': channel(totalsQuery, totalsResult),
  'totals:timeline': channel(timelineQuery, timelineResult),
  'totals:export': channel(totalsExportQuery, exportedFile),
} as const;
