/** One field that differs between two states of a record: the audit log, the version diff and an exchange conflict. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Values compare by their JSON form, so arrays and objects (delegation members) compare by content. */
const sameValue = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The fields among `fields` (every field of either side when not given) whose values differ, in that order. */
export function fieldChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[] = [...new Set([...Object.keys(before), ...Object.keys(after)])],
): FieldChange[] {
  return fields
    .filter((f) => !sameValue(before[f], after[f]))
    .map((field) => ({ field, from: before[field], to: after[field] }));
}

/** A frozen handover's content: its fields and its manifest. */
export interface ContentShape {
  fields: Record<string, unknown>;
  persons: readonly unknown[];
}

/** Field changes, then the manifest as one change of its length when any person differs. */
export function contentChanges(a: ContentShape, b: ContentShape, fields?: readonly string[]): FieldChange[] {
  const changes = fieldChanges(a.fields, b.fields, fields);
  if (!sameValue(a.persons, b.persons))
    changes.push({ field: 'persons', from: a.persons.length, to: b.persons.length });
  return changes;
}

/** A value as one line of plain text, to set a sheet's cell or a bundle's field beside the stored one. */
export function plainText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.join(', ');
  return JSON.stringify(v);
}
