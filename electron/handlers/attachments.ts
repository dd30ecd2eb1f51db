import { AppError } from '../api/result';
import { fileName } from '../api/schemas/common';
import { toFieldIssues } from '../api/schemas/issues';
import { addAttachment, attachmentsOf, readAttachment } from '../services/attachments';
import { readChosen } from '../services/files/store';
import type { HandlersFor } from './types';

/** The chosen file's name, held to the contract's rules for a stored name (no path, no controls) as an input would be. */
function storableName(name: string): string {
  const parsed = fileName.safeParse(name);
  if (!parsed.success)
    throw new AppError('VALIDATION', 'Invalid file name', {
      issues: toFieldIssues(parsed.error).map((i) => ({ ...i, path: 'fileName' })),
    });
  return parsed.data;
}

export const attachmentHandlers: HandlersFor<'attachments'> = {
  'attachments:add': (ctx, caller, { handoverId, fileId }) => {
    const file = readChosen(ctx, fileId, 'attachment', caller.actor);
    return addAttachment(ctx, caller, handoverId, { bytes: file.bytes, fileName: storableName(file.fileName) });
  },
  'attachments:list': (ctx, _caller, { handoverId }) => attachmentsOf(ctx, handoverId),
  'attachments:get': (ctx, caller, { id }) => readAttachment(ctx, caller, id),
};
