import type { TFunction } from 'i18next';
import { contentChanges, type ContentShape, type FieldChange } from '../../../electron/api/domain/field-changes';
import { countryName } from './countries';
import { formatDate, formatNumber } from './format';

/** Compares two frozen versions (their `content`: fields and persons) field by field. */
export const versionDiff = (a: Record<string, unknown>, b: Record<string, unknown>): FieldChange[] =>
  contentChanges(asContent(a), asContent(b));

const asContent = (c: Record<string, unknown>): ContentShape => ({
  fields: (c.fields ?? {}) as Record<string, unknown>,
  persons: (c.persons ?? []) as unknown[],
});

const UNRECORDED_WHEN_EMPTY: ReadonlySet<string> = new Set([
  'delegationHeadName',
  'handingAuthority',
  'handingOfficialName',
]);

export function fieldText(t: TFunction, lng: string, field: string, value: unknown): string {
  // An unrecorded party or camp (an imported record, issue 10) reads as such in a version's comparison too.
  if (value === '' && UNRECORDED_WHEN_EMPTY.has(field)) return t('completeness.notRecorded');
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
