import { z } from 'zod';
import { isoDate } from './common';

export const auditRow = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  details: z.unknown(),
});
export type AuditRow = z.infer<typeof auditRow>;

/** Filters of the audit viewer: account, record (an entity id), days (inclusive, UTC). */
export const auditQuery = z
  .object({
    actor: z.string().trim().max(200).optional(),
    entityId: z.string().trim().max(200).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    before: z.number().int().min(1).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export const auditPage = z.object({ rows: z.array(auditRow), actors: z.array(z.string()) });

export const auditVerification = z.object({
  ok: z.boolean(),
  /** Entries checked (up to and including the broken one). */
  count: z.number().int(),
  broken: z
    .object({
      id: z.number().int(),
      at: z.string().nullable(),
      actor: z.string().nullable(),
      action: z.string().nullable(),
      /** altered: content changed · link: an entry before it removed or inserted · unchained: no hash ·
       * missing: the log ends before the head kept outside the database · rolled_back: that head's entry differs. */
      reason: z.enum(['altered', 'link', 'unchained', 'missing', 'rolled_back']),
    })
    .nullable(),
  head: z.object({ id: z.number().int(), hash: z.string() }).nullable(),
});
export type AuditVerification = z.infer<typeof auditVerification>;
