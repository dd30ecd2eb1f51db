import { z } from 'zod';
import { uuid } from '../schemas/common';
import { attachmentAdd, attachmentMeta } from '../schemas/attachment';
import { channel } from './define';

export const attachmentChannels = {
  'attachments:add': channel(attachmentAdd, attachmentMeta, 'registrar'),
  'attachments:list': channel(z.object({ handoverId: uuid }).strict(), z.array(attachmentMeta), 'viewer'),
  'attachments:get': channel(z.object({ id: uuid }).strict(), attachmentMeta.extend({ base64: z.string() }), 'viewer'),
} as const;
