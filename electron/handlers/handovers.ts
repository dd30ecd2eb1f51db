import {
  createHandover,
  getHandover,
  listHandovers,
  suggestReference,
  summarizeHandovers,
  updateHandover,
} from '../services/handovers';
import { listAudit } from '../../db/queries/audit';
import { listPersons } from '../../db/queries/persons';
import { amendHandover, finalizeHandover, setManifest, versionsOf, voidHandover } from '../services/lifecycle';
import type { HandlersFor } from './types';

export const handoverHandlers: HandlersFor<'handovers'> = {
  'handovers:create': (ctx, caller, { data }) => createHandover(ctx, caller, data),
  'handovers:get': (ctx, _caller, { id }) => getHandover(ctx, id),
  'handovers:update': (ctx, caller, { id, expectedRevision, data }) =>
    updateHandover(ctx, caller, id, expectedRevision, data),
  'handovers:list': (ctx, _caller, q) => listHandovers(ctx, q),
  'handovers:summary': (ctx, _caller, f) => summarizeHandovers(ctx, f),
  'handovers:suggestReference': (ctx, _caller, { year }) => ({ referenceNo: suggestReference(ctx, year) }),
  'handovers:finalize': (ctx, caller, { id, expectedRevision }) => finalizeHandover(ctx, caller, id, expectedRevision),
  'handovers:amend': (ctx, caller, { id, expectedRevision, data, reason, persons }) =>
    amendHandover(ctx, caller, id, expectedRevision, data, reason, persons),
  'handovers:void': (ctx, caller, { id, expectedRevision, reason }) =>
    voidHandover(ctx, caller, id, expectedRevision, reason),
  'handovers:setManifest': (ctx, caller, { id, expectedRevision, persons }) =>
    setManifest(ctx, caller, id, expectedRevision, persons),
  'handovers:manifest': (ctx, _caller, { id }) => (getHandover(ctx, id), listPersons(ctx.db.orm, id)),
  'handovers:versions': (ctx, _caller, { id }) => versionsOf(ctx, id),
  'handovers:history': (ctx, _caller, { id }) => (getHandover(ctx, id), listAudit(ctx.db.orm, 'handover', id)),
};
