import { exportHandovers } from '../../services/export/handovers';
import { cancelJob, inspectUpload, jobProgressOf, startImportJob } from '../../services/import/jobs';
import type { HandlersFor } from './types';

export const ioHandlers: HandlersFor<'io'> = {
  'io:inspect': (ctx, _caller, { fileName, base64 }) => inspectUpload(ctx, fileName, base64),
  'io:importStart': (ctx, caller, { uploadId, options }) => startImportJob(ctx, caller, uploadId, options),
  'io:importProgress': (_ctx, _caller, { jobId }) => jobProgressOf(jobId),
  'io:importCancel': (_ctx, _caller, { jobId }) => cancelJob(jobId),
  'io:export': (ctx, _caller, { filter, format }) => exportHandovers(ctx, filter, format),
};
