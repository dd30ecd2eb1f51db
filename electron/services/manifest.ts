import { v7 as uuidv7 } from 'uuid';
import { listPersons, replacePersons } from '../../db/queries/persons';
import { reindexHandover, type HandoverRow } from '../../db/queries/handovers';
import { AppError } from '../api/result';
import type { PersonInput } from '../api/schemas/person';
import type { AppContext } from './context';

export interface CountDifference {
  field: 'womenCount' | 'childrenCount' | 'menCount' | 'boysCount' | 'girlsCount' | 'unaccompaniedCount';
  record: number;
  manifest: number;
}

/** Where a manifest exists, it must agree with the record's counts; the split is compared only when one was given. */
export function manifestDifferences(ctx: AppContext, h: HandoverRow): CountDifference[] {
  const people = listPersons(ctx.db.orm, h.id);
  if (people.length === 0) return [];
  const children = people.filter((p) => p.category === 'child');
  const counted: [CountDifference['field'], number, boolean][] = [
    ['womenCount', people.filter((p) => p.category === 'woman').length, true],
    ['childrenCount', children.length, true],
    ['menCount', people.filter((p) => p.category === 'man').length, true],
    ['boysCount', children.filter((p) => p.sex === 'm').length, h.boysCount + h.girlsCount > 0],
    ['girlsCount', children.filter((p) => p.sex === 'f').length, h.boysCount + h.girlsCount > 0],
    ['unaccompaniedCount', children.filter((p) => p.unaccompanied).length, true],
  ];
  return counted
    .filter(([field, n, applies]) => applies && h[field] !== n)
    .map(([field, manifest]) => ({ field, record: h[field], manifest }));
}

export function assertManifestAgrees(ctx: AppContext, h: HandoverRow): void {
  const differences = manifestDifferences(ctx, h);
  if (differences.length) {
    const text = differences.map((d) => `${d.field}: record ${d.record}, manifest ${d.manifest}`).join('; ');
    throw new AppError('MANIFEST_MISMATCH', `The manifest does not agree with the counts (${text})`, { differences });
  }
}

export function writeManifest(ctx: AppContext, handoverId: string, people: PersonInput[]): void {
  replacePersons(
    ctx.db.orm,
    handoverId,
    people.map((p, position) => ({ ...p, id: p.id || uuidv7(), handoverId, position })),
  );
  reindexHandover(ctx.db.orm, handoverId);
}
