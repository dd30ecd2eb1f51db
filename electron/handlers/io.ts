import { bundleExport, officeAdd, officeCardFile, officeInit, officeOrNull, offices } from '../services/exchange/api';
import { importBundle, pendingConflicts } from '../services/exchange/merge';
import { importOpenedBundle } from '../services/exchange/opened';
import { resolveConflict } from '../services/exchange/resolve';
import { exportHandovers } from '../services/export/handovers';
import { cancelJob, inspectUpload, jobProgressOf, startImportJob } from '../services/import/jobs';
import { holdFor } from '../services/files/store';
import type { HandlersFor } from './types';

export const ioHandlers: HandlersFor<'io'> = {
  'io:inspect': (ctx, _caller, { fileName, base64 }) => inspectUpload(ctx, fileName, base64),
  'io:importStart': (ctx, caller, { uploadId, options }) => startImportJob(ctx, caller, uploadId, options),
  'io:importProgress': (_ctx, _caller, { jobId }) => jobProgressOf(jobId),
  'io:importCancel': (_ctx, _caller, { jobId }) => cancelJob(jobId),
  'io:export': async (ctx, caller, { filter, format }) =>
    holdFor(ctx, caller.actor, await exportHandovers(ctx, caller, filter, format)),
  'io:office': (ctx) => officeOrNull(ctx),
  'io:officeCard': (ctx, caller) => officeCardFile(ctx, caller),
  'io:officeInit': (ctx, caller, { name }) => officeInit(ctx, caller, name),
  'io:offices': (ctx) => offices(ctx),
  'io:officeAdd': (ctx, caller, { card }) => officeAdd(ctx, caller, card),
  'io:bundleExport': (ctx, caller, { toOfficeId, ids }) => bundleExport(ctx, caller, toOfficeId, ids),
  'io:bundleImport': (ctx, caller, { base64 }) => importBundle(ctx, caller, Buffer.from(base64, 'base64')),
  'io:openedBundle': (ctx, caller) => importOpenedBundle(ctx, caller),
  'io:conflicts': (ctx) => pendingConflicts(ctx),
  'io:resolveConflict': (ctx, caller, input) => resolveConflict(ctx, caller, input),
};
