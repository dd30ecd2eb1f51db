import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ATTACHMENT_TYPES } from '../../api/domain/files';
import { FILE_LIMITS } from '../../api/domain/limits';
import { fileName, requiredText, text, uuid } from '../../api/schemas/common';
import { recordFields } from '../../api/schemas/handover';
import { manifestInput } from '../../api/schemas/person';
import { signerRole } from '../../api/schemas/report';
import { storedName } from '../attachments';
import { canonicalJson, CONTENT_FIELDS } from '../content';

/**
 * A record as it arrives in a bundle, checked with the schemas a person's typing goes through (recordFields,
 * manifestInput, the attachment file name, the signature's role and name), plus what only a bundle carries (ids,
 * stamps, hashes). A sending office runs the same code, so a genuine record passes; anything else is refused.
 */
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const stamp = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T[0-9:.]+Z$/);
const actor = z.string().min(1).max(200);
const base64 = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4 + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/);

const meta = z
  .object({
    id: uuid,
    status: z.enum(['finalized', 'void']),
    version: z.number().int().min(1).max(100_000),
    voidReason: requiredText(1000).nullable(),
    createdAt: stamp,
    createdBy: actor,
    updatedAt: stamp,
    updatedBy: actor,
    // Where the sending office's import read it from (issue 10): provenance travels with the record.
    sourceFile: fileName.nullable(),
    sourceRow: z.number().int().min(1).max(10_000_000).nullable(),
    ...Object.fromEntries(CONTENT_FIELDS.map((f) => [f, z.unknown()])),
  })
  .strict()
  .refine((h) => (h.status === 'void') === (h.voidReason !== null), { path: ['voidReason'], error: 'required' });

const contentOf = (h: Record<string, unknown>) => Object.fromEntries(CONTENT_FIELDS.map((f) => [f, h[f]]));

const version = z
  .object({
    version: z.number().int().min(1),
    content: z.object({ id: uuid, fields: z.record(z.string(), z.unknown()), persons: z.array(z.unknown()) }).strict(),
    contentHash: sha256Hex,
    reason: text(1000),
    createdAt: stamp,
    createdBy: actor,
  })
  .strict();

const bundledPerson = z.object({ position: z.number().int().min(0) }).passthrough();

const attachment = z
  .object({
    id: uuid,
    fileName,
    mime: z.enum(ATTACHMENT_TYPES),
    size: z.number().int().min(1).max(FILE_LIMITS.attachment),
    sha256: sha256Hex,
    data: base64(FILE_LIMITS.attachment),
    createdAt: stamp,
    createdBy: actor,
  })
  .strict();

const signature = z
  .object({
    id: uuid,
    role: signerRole,
    signerName: requiredText(200),
    signerTitle: text(200),
    signedAt: stamp,
    image: base64(FILE_LIMITS.signaturePng).min(1),
    contentHash: sha256Hex,
    createdBy: actor,
  })
  .strict();

export const bundleRecordShape = z
  .object({
    handover: meta,
    versions: z.array(version).min(1).max(100_000),
    persons: z.array(bundledPerson).max(2000),
    attachments: z.array(attachment).max(1000),
    signatures: z.array(signature).max(20),
  })
  .strict();

/**
 * The typed schemas transform as they check (trim, defaults); a genuine record was stored as they returned it, so
 * it must come out of them unchanged.
 */
function sameAfter(schema: z.ZodType, value: unknown, dropNull = false): boolean {
  const r = schema.safeParse(value);
  if (!r.success) return false;
  // A version's content leaves an empty optional field out (services/content.ts): the parsed null is not compared.
  const data = dropNull
    ? Object.fromEntries(Object.entries(r.data as Record<string, unknown>).filter(([, v]) => v !== null))
    : r.data;
  return canonicalJson(data) === canonicalJson(value);
}

/**
 * The type of an attachment or signature image from its first bytes. Synchronous on purpose: the merge runs in one
 * transaction, and these three signatures are all file-type would look at for PDF, PNG and JPEG.
 */
function sniff(bytes: Buffer): string | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}

/** Why a bundled record is refused before anything of it is compared or written: `record_malformed`, `record_invalid`, or null. */
export function recordProblem(raw: unknown): 'record_malformed' | 'record_invalid' | null {
  const shape = bundleRecordShape.safeParse(raw);
  if (!shape.success) return 'record_malformed';
  // Names with controls, untrimmed text: what this app would have cleaned on the way in is not stored as it came.
  if (canonicalJson(shape.data) !== canonicalJson(raw)) return 'record_invalid';
  const r = shape.data;
  const people = r.persons.map(({ position: _p, ...p }) => p);
  if (!sameAfter(recordFields, contentOf(r.handover)) || !sameAfter(manifestInput, people)) return 'record_invalid';
  for (const [i, v] of r.versions.entries()) {
    if (
      v.version !== i + 1 ||
      !sameAfter(recordFields, v.content.fields, true) ||
      !sameAfter(manifestInput, v.content.persons)
    )
      return 'record_invalid';
  }
  for (const a of r.attachments) {
    const bytes = Buffer.from(a.data, 'base64');
    if (
      bytes.length !== a.size ||
      createHash('sha256').update(bytes).digest('hex') !== a.sha256 ||
      sniff(bytes) !== a.mime
    )
      return 'record_invalid';
    if (storedName(a.fileName, a.mime) !== a.fileName) return 'record_invalid';
  }
  for (const s of r.signatures) if (sniff(Buffer.from(s.image, 'base64')) !== 'image/png') return 'record_invalid';
  return null;
}
