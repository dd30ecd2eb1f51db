import { z } from 'zod';
import { fileName, uuid } from './common';

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
/** Hard ceiling whatever the setting says: the file travels base64-encoded in one request. */
export const ATTACHMENT_HARD_LIMIT_MB = 50;

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
    base64: z.string().max(Math.ceil((ATTACHMENT_HARD_LIMIT_MB * 1024 * 1024 * 4) / 3) + 4, { error: 'file_too_large' }).regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'invalid' }),
  })
  .strict();
