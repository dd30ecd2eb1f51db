import type { TFunction } from 'i18next';
import { countryName } from './countries';
import { formatDate, formatNumber } from './format';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Compares two frozen versions (their `content`: fields and persons) field by field. */
export function versionDiff(a: Record<string, unknown>, b: Record<string, unknown>): FieldChange[] {
  const fa = (a.fields ?? {}) as Record<string, unknown>;
  const fb = (b.fields ?? {}) as Record<string, unknown>;
  const changes = [...new Set([...Object.keys(fa), ...Object.keys(fb)])]
    .filter((k) => JSON.stringify(fa[k]) !== JSON.stringify(fb[k]))
    .map((field) => ({ field, before: fa[field], after: fb[field] }));
  const pa = (a.persons ?? []) as unknown[];
  const pb = (b.persons ?? []) as unknown[];
  if (JSON.stringify(pa) !== JSON.stringify(pb))
    changes.push({ field: 'persons', before: pa.length, after: pb.length });
  return changes;
}

export function fieldText(t: TFunction, lng: string, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('common.none');
  if (field === 'receivingCountry') return countryName(String(value), lng);
  if (field === 'handoverDate') return formatDate(String(value), lng);
  if (field === 'camp') return t(`camp.${value}`);
  if (typeof value === 'number') return formatNumber(value, lng);
  if (field === 'delegationMembers')
    return (value as { name: string; title: string }[])
      .map((m) => (m.title ? `${m.name} (${m.title})` : m.name))
      .join('، ');
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
