import { z } from 'zod';
import { ATTACHMENT_TYPES } from '../domain/files';
import { uuid } from './common';
import { fileId } from './files';

export const attachmentMeta = z.object({
  id: z.string(),
  handoverId: z.string(),
  fileName: z.string(),
  mime: z.enum(ATTACHMENT_TYPES),
  size: z.number().int(),
  sha256: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type AttachmentMeta = z.infer<typeof attachmentMeta>;

export const attachmentAdd = z
  /** A file the caller chose (admitted as `attachment`); it is stored under the name it was chosen with. */
  .object({ handoverId: uuid, fileId })
  .strict();
