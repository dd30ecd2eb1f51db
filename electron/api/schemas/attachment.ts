import { z } from 'zod';
import { ATTACHMENT_TYPES } from '../domain/files';
import { FILE_LIMITS } from '../domain/limits';
import { fileName, uuid } from './common';

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
  .object({
    handoverId: uuid,
    fileName,
    base64: z
      .string()
      .max(Math.ceil((FILE_LIMITS.attachment * 4) / 3) + 4, { error: 'file_too_large' })
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'invalid' }),
  })
  .strict();
