import { z } from 'zod';
import { uuid } from '../schemas/common';
import { handover, handoverFields, listQuery, listResult } from '../schemas/handover';
import { channel } from './define';

export const handoverChannels = {
  'handovers:create': channel(z.object({ data: handoverFields }).strict(), handover),
  'handovers:get': channel(z.object({ id: uuid }).strict(), handover),
  'handovers:update': channel(z.object({ id: uuid, expectedRevision: z.number().int().min(1), data: handoverFields }).strict(), handover),
  'handovers:list': channel(listQuery, listResult),
  'handovers:suggestReference': channel(z.object({ year: z.number().int().min(2000).max(2100) }).strict(), z.object({ referenceNo: z.string() })),
} as const;
