import { loadSamples, removeSamples, sampleStatus } from '../services/samples';
import type { HandlersFor } from './types';

export const sampleHandlers: HandlersFor<'samples'> = {
  'samples:status': (ctx) => sampleStatus(ctx),
  'samples:load': (ctx, caller) => loadSamples(ctx, caller),
  'samples:remove': (ctx, caller) => removeSamples(ctx, caller),
};
