import { Button, Checkbox, Group, Paper, Select } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../../electron/api/result';
import { CAMPS } from '../../../../electron/api/domain/handover';
import type { TotalsQueryInput } from '../../../../electron/api/schemas/totals';

export type FilterPatch = Record<string, string | string[] | null>;

const year = (offset: number) => String(new Date().getFullYear() + offset);
const QUICK_RANGES = [
  { id: 'this-year', label: 'thisYear', from: () => `${year(0)}-01-01`, to: () => `${year(0)}-12-31` },
  { id: 'last-year', label: 'lastYear', from: () => `${year(-1)}-01-01`, to: () => `${year(-1)}-12-31` },
  { id: 'all-time', label: 'allTime', from: () => undefined, to: () => undefined },
] as const;

interface Props {
  query: TotalsQueryInput;
  issues: FieldIssue[];
  onChange(patch: FilterPatch): void;
}

export const issueFor = (issues: FieldIssue[], field: string) =>
  issues.find((i) => i.path === field || i.path.startsWith(`${field}.`));

/**
 * The filters, memoized: two date inputs, a select and seven buttons are the costliest part of the page to render, and
 * the figures arriving, the timeline arriving and the deferred part of the page appearing change none of their props.
 */
export const TotalsFilters = memo(function TotalsFilters({ query, issues, onChange }: Props) {
  const { t } = useTranslation();
  const issueText = (key: string) => t(`totals.validation.${key}`, { defaultValue: t(`validation.${key}`) });
  const error = (field: string) => {
    const issue = issueFor(issues, field);
    return issue ? issueText(issue.key) : undefined;
  };
  const date = (field: 'from' | 'to', value: string | null) => (
    <DateInput
      label={t(`totals.filters.${field}`)}
      placeholder={t('totals.filters.pickDate')}
      valueFormat="D MMMM YYYY"
      clearable
      value={value}
      onChange={(v) => onChange({ [field]: v })}
      error={error(field)}
      data-testid={`filter-${field}`}
      w={180}
    />
  );
  return (
    <Paper withBorder p="md" className="totals-noprint" data-testid="totals-filters">
      <Group align="flex-end" gap="md" wrap="wrap">
        {date('from', issueFor(issues, 'from') ? null : (query.from ?? null))}
        {date('to', issueFor(issues, 'to')?.key === 'invalid_date' ? null : (query.to ?? null))}
        <Group gap={4}>
          {QUICK_RANGES.map((r) => (
            <Button
              key={r.id}
              size="xs"
              variant={query.from === r.from() && query.to === r.to() ? 'filled' : 'light'}
              onClick={() => onChange({ from: r.from() ?? null, to: r.to() ?? null })}
              data-testid={`quick-${r.id}`}
            >
              {t(`totals.filters.${r.label}`)}
            </Button>
          ))}
        </Group>
        <Select
          label={t('totals.filters.camp')}
          data={[
            { value: 'all', label: t('totals.filters.allCamps') },
            ...CAMPS.map((c) => ({ value: c, label: t(`totals.camps.${c}`) })),
          ]}
          value={
            query.camps?.length === 1 && (CAMPS as readonly string[]).includes(query.camps[0]) ? query.camps[0] : 'all'
          }
          onChange={(v) => onChange({ camp: v && v !== 'all' ? v : null })}
          allowDeselect={false}
          error={error('camps')}
          data-testid="filter-camp"
          w={180}
        />
        <Checkbox
          label={t('totals.filters.includeDrafts')}
          checked={!!query.includeDrafts}
          onChange={(e) => onChange({ drafts: e.currentTarget.checked ? '1' : null })}
          data-testid="filter-drafts"
          mb={8}
        />
      </Group>
    </Paper>
  );
});
