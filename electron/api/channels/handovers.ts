import { z } from 'zod';
import { requiredText, uuid } from '../schemas/common';
import {
  filterInput,
  handover,
  handoverFields,
  listQuery,
  listResult,
  listSummary,
  recordFields,
} from '../schemas/handover';
import { manifestInput, person } from '../schemas/person';
import { channel } from './define';

const version = z.object({
  version: z.number().int(),
  reason: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  contentHash: z.string(),
  content: z.record(z.string(), z.unknown()),
});
const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
});

export const handoverChannels = {
  'handovers:create': channel(z.object({ data: handoverFields }).strict(), handover, 'registrar'),
  'handovers:get': channel(z.object({ id: uuid }).strict(), handover, 'viewer'),
  'handovers:update': channel(
    // A record's rules here; the service adds the protocol's (both parties named) unless the record was imported.
    z.object({ id: uuid, expectedRevision: z.number().int().min(1), data: recordFields }).strict(),
    handover,
    'registrar',
  ),
  'handovers:list': channel(listQuery, listResult, 'viewer'),
  'handovers:summary': channel(filterInput, listSummary, 'viewer'),
  'handovers:suggestReference': channel(
    z.object({ year: z.number().int().min(2000).max(2100) }).strict(),
    z.object({ referenceNo: z.string() }),
    'registrar',
  ),
  'handovers:finalize': channel(
    z.object({ id: uuid, expectedRevision: z.number().int().min(1) }).strict(),
    handover,
    'registrar',
  ),
  'handovers:amend': channel(
    z
      .object({
        id: uuid,
        expectedRevision: z.number().int().min(1),
        data: recordFields,
        reason: requiredText(1000),
        persons: manifestInput.optional(),
      })
      .strict(),
    handover,
    'registrar',
  ),
  'handovers:void': channel(
    z.object({ id: uuid, expectedRevision: z.number().int().min(1), reason: requiredText(1000) }).strict(),
    handover,
    'registrar',
  ),
  'handovers:setManifest': channel(
    z.object({ id: uuid, expectedRevision: z.number().int().min(1), persons: manifestInput }).strict(),
    handover,
    'registrar',
  ),
  'handovers:manifest': channel(z.object({ id: uuid }).strict(), z.array(person), 'viewer'),
  'handovers:versions': channel(z.object({ id: uuid }).strict(), z.array(version), 'viewer'),
  'handovers:history': channel(z.object({ id: uuid }).strict(), z.array(auditEntry), 'viewer'),
} as const;
