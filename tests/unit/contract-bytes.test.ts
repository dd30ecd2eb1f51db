import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { contract, type Channel } from '../../electron/api/contract';

/** Every property name in a schema, however deep (objects, arrays, unions, nullable, defaults). */
function propertyNames(schema: z.ZodType, io: 'input' | 'output'): string[] {
  const names: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.format === 'base64' || o.contentEncoding === 'base64') names.push('(base64 format)');
    if (o.properties && typeof o.properties === 'object') names.push(...Object.keys(o.properties));
    Object.values(o).forEach(walk);
  };
  walk(z.toJSONSchema(schema, { io, unrepresentable: 'any' }));
  return names;
}

/** Files cross as ids (issue 13, point 5): a channel takes an admitted file and answers a held one, never bytes. */
describe('the contract carries no bytes', () => {
  it.each(['input', 'output'] as const)('no channel %s has a base64 field', (io) => {
    const carrying = (Object.keys(contract) as Channel[]).filter((c) =>
      propertyNames(contract[c][io], io).some((n) => /base64/i.test(n)),
    );
    expect(carrying).toEqual([]);
  });

  it('the check bites: a schema with base64 inside is found', () => {
    const nested = z.object({ file: z.array(z.object({ pngBase64: z.string() }).nullable()) });
    expect(propertyNames(nested, 'output')).toContain('pngBase64');
    expect(propertyNames(z.object({ data: z.base64() }), 'output')).toContain('(base64 format)');
  });
});
