import { heldFile } from '../schemas/files';
import { timelineQuery, timelineResult, totalsExportQuery, totalsQuery, totalsResult } from '../schemas/totals';
import { channel } from './define';

export const totalsChannels = {
  'totals:get': channel(totalsQuery, totalsResult, 'viewer'),
  'totals:timeline': channel(timelineQuery, timelineResult, 'viewer'),
  'totals:export': channel(totalsExportQuery, heldFile, 'viewer'),
} as const;
