import { Button, MultiSelect, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { CAMPS, COMPLETENESS, STATUSES } from '../../../../electron/api/domain/handover';
import { countryOptions } from '../../lib/countries';
import { DayRange } from '../DayRange';
import { withParams } from '../../lib/list-query';

export function ListFilters() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const set = (patch: Record<string, string | string[] | null>) =>
    setParams(withParams(params, patch), { replace: true });
  return (
    <Stack gap="xs">
      <TextInput
        label={t('common.search')}
        placeholder={t('list.searchPlaceholder')}
        value={params.get('q') ?? ''}
        onChange={(e) => set({ q: e.currentTarget.value })}
        data-testid="search"
      />
      <SimpleGrid cols={{ base: 2, md: 7 }} spacing="sm" style={{ alignItems: 'end' }}>
        <MultiSelect
          label={t('fields.receivingCountry')}
          data={countries}
          searchable
          clearable
          value={params.getAll('country')}
          onChange={(v) => set({ country: v })}
          data-testid="filter-country"
        />
        <MultiSelect
          label={t('fields.camp')}
          data={CAMPS.map((c) => ({ value: c, label: t(`camp.${c}`) }))}
          clearable
          value={params.getAll('camp')}
          onChange={(v) => set({ camp: v })}
          data-testid="filter-camp"
        />
        <MultiSelect
          label={t('fields.status')}
          data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          clearable
          value={params.getAll('status')}
          onChange={(v) => set({ status: v })}
          data-testid="filter-status"
        />
        <Select
          label={t('completeness.label')}
          data={COMPLETENESS.map((c) => ({ value: c, label: t(`completeness.${c}`) }))}
          clearable
          placeholder={t('completeness.all')}
          value={params.get('complete')}
          onChange={(v) => set({ complete: v })}
          data-testid="filter-completeness"
        />
        <DayRange value={{ from: params.get('from'), to: params.get('to') }} onChange={set} testId="filter" />
        <Button variant="subtle" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
          {t('common.clear')}
        </Button>
      </SimpleGrid>
    </Stack>
  );
}
