import '@mantine/charts/styles.css';
import '../components/totals/totals.css';
import { Alert, Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { CAMPS } from '../../../electron/api/domain/handover';
import type { TotalsQueryInput } from '../../../electron/api/schemas/totals';
import { ApiFailure, callOrThrow, saveHeldFile } from '../api/client';
import { PersonsBarChart, TimelineChart } from '../components/totals/TotalsCharts';
import { SORT_KEYS, TotalsTable, type SortKey } from '../components/totals/TotalsTable';
import { WorldMap } from '../components/totals/WorldMap';
import { useAfterPaint } from '../lib/after-paint';
import { formatNumber } from '../lib/format';
import { useCan } from '../auth/account';

type Camp = (typeof CAMPS)[number];

/** The filter lives in the URL (like the handover list), so a reload or a shared link shows the same totals. */
export function totalsQueryFromParams(p: URLSearchParams): TotalsQueryInput {
  return {
    from: p.get('from') || undefined,
    to: p.get('to') || undefined,
    camps: p.getAll('camp') as Camp[],
    includeDrafts: p.get('drafts') === '1',
  };
}

/** Table rows in the first paint: more than a tall window shows above the fold. */
const FIRST_ROWS = 30;

const year = (offset: number) => String(new Date().getFullYear() + offset);

export function TotalsPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [params, setParams] = useSearchParams();
  const query = totalsQueryFromParams(params);
  const granularity = params.get('tl') === 'year' ? 'year' : 'month';
  const sort = (SORT_KEYS as readonly string[]).includes(params.get('sort') ?? '')
    ? (params.get('sort') as SortKey)
    : 'persons';
  const direction =
    params.get('dir') === 'asc' ? 'asc' : params.get('dir') === 'desc' ? 'desc' : sort === 'country' ? 'asc' : 'desc';
  const [exportError, setExportError] = useState(false);
  const [exporting, setExporting] = useState<string | null>(null);
  const mayCreate = useCan('handovers:create');

  const totals = useQuery({ queryKey: ['totals', query], queryFn: () => callOrThrow('totals:get', query) });
  const timeline = useQuery({
    queryKey: ['totals-timeline', query, granularity],
    queryFn: () => callOrThrow('totals:timeline', { filter: query, granularity }),
  });

  const update = (patch: Record<string, string | string[] | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      next.delete(k);
      for (const item of Array.isArray(v) ? v : v ? [v] : []) next.append(k, item);
    }
    setParams(next, { replace: true });
  };
  const onSort = (key: SortKey) =>
    update({
      sort: key,
      dir: sort === key ? (direction === 'asc' ? 'desc' : 'asc') : key === 'country' ? 'asc' : 'desc',
    });

  const doExport = async (format: 'csv' | 'xlsx' | 'pdf') => {
    setExportError(false);
    setExporting(format);
    try {
      const file = await callOrThrow('totals:export', { filter: query, format, locale: lng as 'ar' | 'en' | 'ku' });
      if (!(await saveHeldFile(file)).ok) setExportError(true);
    } catch {
      setExportError(true);
    } finally {
      setExporting(null);
    }
  };

  const issues = totals.error instanceof ApiFailure ? (totals.error.error.details?.issues ?? []) : [];
  const issueText = (key: string) => t(`totals.validation.${key}`, { defaultValue: t(`validation.${key}`) });
  const fieldLabel = (path: string) =>
    path.startsWith('camps')
      ? t('totals.filters.camp')
      : path === 'from'
        ? t('totals.filters.from')
        : path === 'to'
          ? t('totals.filters.to')
          : path;
  const issueFor = (field: string) => issues.find((i) => i.path === field || i.path.startsWith(`${field}.`));
  const data = totals.data;
  // The figures, the filters and the top of the table are painted first; the rest of the table, the charts and the map
  // (below the fold at any usual window size) right after.
  const painted = useAfterPaint(data);
  const isThisYear = query.from === `${year(0)}-01-01` && query.to === `${year(0)}-12-31`;
  const isLastYear = query.from === `${year(-1)}-01-01` && query.to === `${year(-1)}-12-31`;
  const isAllTime = !query.from && !query.to;

  if (data && data.recorded === 0) {
    return (
      <Stack className="totals-page">
        <Title order={2}>{t('totals.title')}</Title>
        <Alert title={t('totals.empty.title')} data-testid="totals-empty">
          <Stack align="flex-start">
            <Text>{t('totals.empty.body')}</Text>
            {mayCreate && (
              <Button component={Link} to="/handovers/new" data-testid="totals-first-handover">
                {t('totals.empty.action')}
              </Button>
            )}
          </Stack>
        </Alert>
      </Stack>
    );
  }

  return (
    <Stack className="totals-page" data-testid="totals-page">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('totals.title')}</Title>
          <Text c="dimmed">{t('totals.subtitle')}</Text>
        </div>
        <Group className="totals-noprint" gap="xs">
          <Button
            variant="default"
            onClick={() => void doExport('csv')}
            loading={exporting === 'csv'}
            disabled={!data}
            data-testid="export-csv"
          >
            {t('totals.export.csv')}
          </Button>
          <Button
            variant="default"
            onClick={() => void doExport('xlsx')}
            loading={exporting === 'xlsx'}
            disabled={!data}
            data-testid="export-xlsx"
          >
            {t('totals.export.xlsx')}
          </Button>
          <Button
            variant="default"
            onClick={() => void doExport('pdf')}
            loading={exporting === 'pdf'}
            disabled={!data}
            data-testid="export-pdf"
          >
            {t('totals.export.pdf')}
          </Button>
          <Button variant="subtle" onClick={() => window.print()}>
            {t('totals.print')}
          </Button>
        </Group>
      </Group>

      <Paper withBorder p="md" className="totals-noprint" data-testid="totals-filters">
        <Group align="flex-end" gap="md" wrap="wrap">
          <DateInput
            label={t('totals.filters.from')}
            placeholder={t('totals.filters.pickDate')}
            valueFormat="D MMMM YYYY"
            clearable
            value={issueFor('from') ? null : (query.from ?? null)}
            onChange={(v) => update({ from: v })}
            error={issueFor('from') ? issueText(issueFor('from')!.key) : undefined}
            data-testid="filter-from"
            w={180}
          />
          <DateInput
            label={t('totals.filters.to')}
            placeholder={t('totals.filters.pickDate')}
            valueFormat="D MMMM YYYY"
            clearable
            value={issueFor('to')?.key === 'invalid_date' ? null : (query.to ?? null)}
            onChange={(v) => update({ to: v })}
            error={issueFor('to') ? issueText(issueFor('to')!.key) : undefined}
            data-testid="filter-to"
            w={180}
          />
          <Group gap={4}>
            <Button
              size="xs"
              variant={isThisYear ? 'filled' : 'light'}
              onClick={() => update({ from: `${year(0)}-01-01`, to: `${year(0)}-12-31` })}
              data-testid="quick-this-year"
            >
              {t('totals.filters.thisYear')}
            </Button>
            <Button
              size="xs"
              variant={isLastYear ? 'filled' : 'light'}
              onClick={() => update({ from: `${year(-1)}-01-01`, to: `${year(-1)}-12-31` })}
              data-testid="quick-last-year"
            >
              {t('totals.filters.lastYear')}
            </Button>
            <Button
              size="xs"
              variant={isAllTime ? 'filled' : 'light'}
              onClick={() => update({ from: null, to: null })}
              data-testid="quick-all-time"
            >
              {t('totals.filters.allTime')}
            </Button>
          </Group>
          <Select
            label={t('totals.filters.camp')}
            data={[
              { value: 'all', label: t('totals.filters.allCamps') },
              ...CAMPS.map((c) => ({ value: c, label: t(`totals.camps.${c}`) })),
            ]}
            value={
              query.camps?.length === 1 && (CAMPS as readonly string[]).includes(query.camps[0])
                ? query.camps[0]
                : 'all'
            }
            onChange={(v) => update({ camp: v && v !== 'all' ? v : null })}
            allowDeselect={false}
            error={issueFor('camps') ? issueText(issueFor('camps')!.key) : undefined}
            data-testid="filter-camp"
            w={180}
          />
          <Checkbox
            label={t('totals.filters.includeDrafts')}
            checked={!!query.includeDrafts}
            onChange={(e) => update({ drafts: e.currentTarget.checked ? '1' : null })}
            data-testid="filter-drafts"
            mb={8}
          />
        </Group>
      </Paper>

      {issues.length > 0 && (
        <Alert color="red" data-testid="totals-error">
          {issues.map((i) => (
            <div key={`${i.path}-${i.key}`}>
              {fieldLabel(i.path)}: {issueText(i.key)}
            </div>
          ))}
        </Alert>
      )}
      {totals.error && issues.length === 0 && (
        <Alert color="red" data-testid="totals-error">
          {t(`errors.${totals.error instanceof ApiFailure ? totals.error.error.code : 'INTERNAL'}`)}
        </Alert>
      )}
      {exportError && (
        <Alert color="red" data-testid="export-error">
          {t('totals.export.failed')}
        </Alert>
      )}

      {data && (
        <>
          <Text c="dimmed" size="sm" data-testid="totals-scope">
            {query.includeDrafts ? t('totals.withDrafts') : t('totals.finalizedOnly')}
          </Text>
          {data.incomplete > 0 && (
            <Text size="sm" c="orange.8" data-testid="totals-incomplete">
              {t('totals.incomplete', {
                count: data.incomplete,
                n: formatNumber(data.incomplete, lng),
                of: formatNumber(data.sum.handovers, lng),
              })}{' '}
              <Link to="/handovers?complete=incomplete">{t('totals.showIncomplete')}</Link>
            </Text>
          )}
          <SimpleGrid cols={{ base: 2, sm: 5 }}>
            {(['handovers', 'women', 'children', 'men', 'persons'] as const).map((k) => (
              <Paper key={k} withBorder p="md" data-testid={`total-${k}`}>
                <Text size="sm" c="dimmed">
                  {t(`totals.columns.${k}`)}
                </Text>
                <Text size="xl" fw={700}>
                  {formatNumber(data.sum[k], lng)}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          {data.countries.length === 0 ? (
            <Alert data-testid="totals-no-match">{t('totals.noMatch')}</Alert>
          ) : (
            <>
              <TotalsTable
                rows={data.countries}
                sum={data.sum}
                sort={sort}
                direction={direction}
                onSort={onSort}
                limit={painted ? undefined : FIRST_ROWS}
              />
              {painted && (
                <>
                  <PersonsBarChart rows={data.countries} />
                  {timeline.data && (
                    <TimelineChart
                      timeline={timeline.data}
                      onGranularity={(g) => update({ tl: g === 'year' ? 'year' : null })}
                    />
                  )}
                  <WorldMap rows={data.countries} />
                </>
              )}
            </>
          )}
        </>
      )}
    </Stack>
  );
}
