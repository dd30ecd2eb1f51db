/** Field-level changes for the audit log and the version diff: only keys present in `next` are compared. */
export function diffFields(prev: object, next: object): { field: string; from: unknown; to: unknown }[] {
  const before = prev as Record<string, unknown>;
  return Object.entries(next)
    .filter(([k, v]) => JSON.stringify(before[k]) !== JSON.stringify(v))
    .map(([field, to]) => ({ field, from: before[field], to }));
}
