import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  CONTENT_FIELDS,
  contentFields,
  frozenContent,
  type HandoverContent,
} from '../../electron/services/content';

/** The definition canonicalJson and frozenContent must keep: sorted keys, no whitespace, JSON.stringify for the rest. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${reference((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

const text = fc.string({ unit: 'grapheme', maxLength: 20 });
const fieldValue = fc.oneof(
  text,
  fc.integer(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.array(fc.record({ name: text, title: text }), { maxLength: 2 }),
);
const fields = fc.record(
  Object.fromEntries(CONTENT_FIELDS.map((k) => [k, fieldValue])) as Record<
    (typeof CONTENT_FIELDS)[number],
    fc.Arbitrary<unknown>
  >,
);

describe('content JSON: what version hashes are made of', () => {
  it('canonicalJson matches the definition for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => canonicalJson(v) === reference(v)),
      { numRuns: 2000 },
    );
  });

  it('frozenContent of an imported record (no manifest) is byte for byte the canonical JSON, and hashes it', () => {
    fc.assert(
      fc.property(fc.uuid(), fields, (id, f) => {
        const content: HandoverContent = { id, fields: contentFields(f as never), persons: [] };
        const frozen = frozenContent(content);
        expect(frozen.json).toBe(reference(content));
        expect(frozen.hash).toBe(createHash('sha256').update(reference(content)).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });

  it('content of any other shape (extra keys, a manifest) goes the generic way and still matches', () => {
    const persons = [{ id: 'p1', fullNameAr: 'سارة', sex: 'f' }];
    const odd = {
      id: 'x',
      fields: { notes: 'n', referenceNo: 'HO-1' },
      persons,
      extra: 1,
    } as unknown as HandoverContent;
    expect(frozenContent(odd).json).toBe(reference(odd));
    const withManifest = { id: 'x', fields: contentFields({} as never), persons } as unknown as HandoverContent;
    expect(frozenContent(withManifest).json).toBe(reference(withManifest));
  });
});
