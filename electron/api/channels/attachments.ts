import { z } from 'zod';
import { uuid } from '../schemas/common';
import { fileId } from '../schemas/files';
import { attachmentAdd, attachmentMeta } from '../schemas/attachment';
import { channel } from './define';

export const attachmentChannels = {
  'attachments:add': channel(attachmentAdd, attachmentMeta, 'registrar'),
  'attachments:list': channel(z.object({ handoverId: uuid }).strict(), z.array(attachmentMeta), 'viewer'),
  /** The attachment held for the page (preview, download, save): its bytes are never in the answer. */
  'attachments:get': channel(z.object({ id: uuid }).strict(), attachmentMeta.extend({ fileId }), 'viewer'),
} as const;
