import { bundleExport, officeAdd, officeCardFile, officeInit, officeOrNull, offices } from '../services/exchange/api';
import { importBundle, pendingConflicts } from '../services/exchange/merge';
import { importOpenedBundle } from '../services/exchange/opened';
import { resolveConflict } from '../services/exchange/resolve';
import { exportHandovers } from '../services/export/handovers';
import { cancelJob, inspectUpload, jobProgressOf, startImportJob } from '../services/import/jobs';
import { holdFor, readChosen } from '../services/files/store';
import type { HandlersFor } from './types';

export const ioHandlers: HandlersFor<'io'> = {
  'io:inspect': (ctx, caller, { fileId }) => inspectUpload(ctx, readChosen(ctx, fileId, 'spreadsheet', caller.actor)),
  'io:importStart': (ctx, caller, { uploadId, options }) => startImportJob(ctx, caller, uploadId, options),
  'io:importProgress': (_ctx, _caller, { jobId }) => jobProgressOf(jobId),
  'io:importCancel': (_ctx, _caller, { jobId }) => cancelJob(jobId),
  'io:export': async (ctx, caller, { filter, format }) =>
    holdFor(ctx, caller.actor, await exportHandovers(ctx, caller, filter, format)),
  'io:office': (ctx) => officeOrNull(ctx),
  'io:officeCard': (ctx, caller) => officeCardFile(ctx, caller),
  'io:officeInit': (ctx, caller, { name }) => officeInit(ctx, caller, name),
  'io:offices': (ctx) => offices(ctx),
  'io:officeAdd': (ctx, caller, { fileId }) =>
    officeAdd(ctx, caller, readChosen(ctx, fileId, 'officeCard', caller.actor).bytes.toString('utf8')),
  'io:bundleExport': (ctx, caller, { toOfficeId, ids }) => bundleExport(ctx, caller, toOfficeId, ids),
  'io:bundleImport': (ctx, caller, { fileId }) =>
    importBundle(ctx, caller, readChosen(ctx, fileId, 'bundle', caller.actor).bytes),
  'io:openedBundle': (ctx, caller) => importOpenedBundle(ctx, caller),
  'io:conflicts': (ctx) => pendingConflicts(ctx),
  'io:resolveConflict': (ctx, caller, input) => resolveConflict(ctx, caller, input),
};
