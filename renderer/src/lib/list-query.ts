import { CAMPS, COMPLETENESS, SORT_COLUMNS, STATUSES } from '../../../electron/api/domain/handover';
import type { ListQueryInput } from '../../../electron/api/schemas/handover';

const pick = <T extends string>(values: string[], allowed: readonly T[]) =>
  values.filter((v): v is T => (allowed as readonly string[]).includes(v));

/**
 * The list's whole state lives in the URL (?q=&country=&camp=&status=&from=&to=&complete=&sort=&dir=), so it survives
 * a reload.
 */
export function listQueryFromParams(p: URLSearchParams): Omit<ListQueryInput, 'offset' | 'limit'> {
  const sort = p.get('sort') ?? '';
  return {
    search: p.get('q') ?? '',
    countries: p.getAll('country').filter((c) => /^[A-Z]{2}$/.test(c)),
    camps: pick(p.getAll('camp'), CAMPS),
    statuses: pick(p.getAll('status'), STATUSES),
    from: p.get('from') || undefined,
    to: p.get('to') || undefined,
    completeness: pick([p.get('complete') ?? ''], COMPLETENESS)[0],
    sort: (SORT_COLUMNS as readonly string[]).includes(sort) ? (sort as ListQueryInput['sort']) : 'handoverDate',
    direction: p.get('dir') === 'asc' ? 'asc' : 'desc',
  };
}

export function withParams(
  p: URLSearchParams,
  patch: Record<string, string | string[] | null | undefined>,
): URLSearchParams {
  const next = new URLSearchParams(p);
  for (const [k, v] of Object.entries(patch)) {
    next.delete(k);
    for (const item of Array.isArray(v) ? v : v ? [v] : []) next.append(k, item);
  }
  return next;
}
