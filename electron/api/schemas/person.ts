import { z } from 'zod';
import { isoDate, text, uuid } from './common';

export const PERSON_CATEGORIES = ['woman', 'child', 'man'] as const;

export const personInput = z
  .object({
    id: uuid,
    fullNameAr: text(200).default(''),
    fullNameLatin: text(200).default(''),
    sex: z.enum(['f', 'm'], { error: 'required' }),
    birthYear: z
      .number({ error: 'not_a_number' })
      .int({ error: 'not_integer' })
      .min(1900, { error: 'too_small' })
      .max(2100, { error: 'too_large' })
      .nullable()
      .default(null),
    birthDate: isoDate.nullable().default(null),
    category: z.enum(PERSON_CATEGORIES, { error: 'required' }),
    motherId: uuid.nullable().default(null),
    camp: text(100).default(''),
    idDocumentNo: text(100).default(''),
    unaccompanied: z.boolean().default(false),
    consentRecorded: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    if (!p.fullNameAr && !p.fullNameLatin)
      ctx.addIssue({ code: 'custom', path: ['fullNameAr'], message: 'name_required' });
    if (p.birthDate && p.birthYear !== null && Number(p.birthDate.slice(0, 4)) !== p.birthYear)
      ctx.addIssue({ code: 'custom', path: ['birthYear'], message: 'birth_year_mismatch' });
    if (p.category !== 'child' && (p.unaccompanied || p.motherId))
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'child_only' });
  });
export type PersonInput = z.infer<typeof personInput>;

/** A manifest is checked as a whole: ids unique, a mother is a woman of the same manifest. */
export const manifestInput = z
  .array(personInput)
  .max(2000, { error: 'too_many' })
  .superRefine((list, ctx) => {
    const byId = new Map(list.map((p) => [p.id, p]));
    if (byId.size !== list.length) ctx.addIssue({ code: 'custom', path: [], message: 'duplicate_person' });
    list.forEach((p, i) => {
      if (p.motherId && byId.get(p.motherId)?.category !== 'woman')
        ctx.addIssue({ code: 'custom', path: [i, 'motherId'], message: 'mother_not_in_manifest' });
    });
  });

export const person = z.object({
  id: z.string(),
  position: z.number().int(),
  fullNameAr: z.string(),
  fullNameLatin: z.string(),
  sex: z.enum(['f', 'm']),
  birthYear: z.number().int().nullable(),
  birthDate: z.string().nullable(),
  category: z.enum(PERSON_CATEGORIES),
  motherId: z.string().nullable(),
  camp: z.string(),
  idDocumentNo: z.string(),
  unaccompanied: z.boolean(),
  consentRecorded: z.boolean(),
});
export type Person = z.infer<typeof person>;
