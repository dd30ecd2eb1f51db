import { createHandover, getHandover, listHandovers, suggestReference, updateHandover } from '../../services/handovers';
import type { HandlersFor } from './types';

export const handoverHandlers: HandlersFor<'handovers'> = {
  'handovers:create': (ctx, caller, { data }) => createHandover(ctx, caller, data),
  'handovers:get': (ctx, _caller, { id }) => getHandover(ctx, id),
  'handovers:update': (ctx, caller, { id, expectedRevision, data }) => updateHandover(ctx, caller, id, expectedRevision, data),
  'handovers:list': (ctx, _caller, q) => listHandovers(ctx, q),
  'handovers:suggestReference': (ctx, _caller, { year }) => ({ referenceNo: suggestReference(ctx, year) }),
};
