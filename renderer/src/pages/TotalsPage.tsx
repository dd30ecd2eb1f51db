import '@mantine/charts/styles.css';
import '../components/totals/totals.css';
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { CAMPS } from '../../../electron/api/domain/handover';
import type { TotalsQueryInput } from '../../../electron/api/schemas/totals';
import { ApiFailure, callOrThrow, saveHeldFile } from '../api/client';
import { PersonsBarChart, TimelineChart } from '../components/totals/TotalsCharts';
import { TotalsFilters, type FilterPatch } from '../components/totals/TotalsFilters';
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
const FIRST_ROWS = 20;

const EXPORTS = ['csv', 'xlsx', 'pdf'] as const;

export function TotalsPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => totalsQueryFromParams(params), [params]);
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

  const update = useCallback(
    (patch: FilterPatch) => {
      const next = new URLSearchParams(params);
      for (const [k, v] of Object.entries(patch)) {
        next.delete(k);
        for (const item of Array.isArray(v) ? v : v ? [v] : []) next.append(k, item);
      }
      setParams(next, { replace: true });
    },
    [params, setParams],
  );
  const onSort = useCallback(
    (key: SortKey) =>
      update({
        sort: key,
        dir: sort === key ? (direction === 'asc' ? 'desc' : 'asc') : key === 'country' ? 'asc' : 'desc',
      }),
    [update, sort, direction],
  );

  const doExport = async (format: (typeof EXPORTS)[number]) => {
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

  const issues = useMemo(
    () => (totals.error instanceof ApiFailure ? (totals.error.error.details?.issues ?? []) : []),
    [totals.error],
  );
  const issueText = (key: string) => t(`totals.validation.${key}`, { defaultValue: t(`validation.${key}`) });
  const fieldLabel = (path: string) =>
    path.startsWith('camps')
      ? t('totals.filters.camp')
      : path === 'from'
        ? t('totals.filters.from')
        : path === 'to'
          ? t('totals.filters.to')
          : path;
  const data = totals.data;
  // The figures, the filters and the top of the table are painted first; the rest of the table, the charts and the map
  // (below the fold at any usual window size) right after.
  const painted = useAfterPaint(data);

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
          {EXPORTS.map((format) => (
            <Button
              key={format}
              variant="default"
              onClick={() => void doExport(format)}
              loading={exporting === format}
              disabled={!data}
              data-testid={`export-${format}`}
            >
              {t(`totals.export.${format}`)}
            </Button>
          ))}
          <Button variant="subtle" onClick={() => window.print()}>
            {t('totals.print')}
          </Button>
        </Group>
      </Group>

      <TotalsFilters query={query} issues={issues} onChange={update} />

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
