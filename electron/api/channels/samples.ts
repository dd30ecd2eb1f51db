import { z } from 'zod';
import { channel } from './define';

const none = z.object({}).strict();

/** Sample records from the public record, to try the app with; removed (voided) in one step before real use. */
export const sampleChannels = {
  'samples:status': channel(none, z.object({ active: z.number().int() }), 'viewer'),
  'samples:load': channel(none, z.object({ loaded: z.number().int() }), 'registrar'),
  'samples:remove': channel(none, z.object({ removed: z.number().int() }), 'registrar'),
} as const;
