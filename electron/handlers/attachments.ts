import { addAttachment, attachmentsOf, readAttachment } from '../services/attachments';
import type { HandlersFor } from './types';

export const attachmentHandlers: HandlersFor<'attachments'> = {
  'attachments:add': (ctx, caller, { handoverId, fileName, base64 }) =>
    addAttachment(ctx, caller, handoverId, fileName, base64),
  'attachments:list': (ctx, _caller, { handoverId }) => attachmentsOf(ctx, handoverId),
  'attachments:get': (ctx, caller, { id }) => readAttachment(ctx, caller, id),
};
