import { Alert, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { callOrThrow } from '../api/client';
import { HandoverTable, PAGE_SIZE, pageQueryKey } from '../components/handovers/HandoverTable';
import { ExportButtons } from '../components/import/ExportButtons';
import { ListFilters } from '../components/handovers/ListFilters';
import { SampleData } from '../components/handovers/SampleData';
import { formatNumber } from '../lib/format';
import { listQueryFromParams, withParams } from '../lib/list-query';
import { useCan } from '../auth/account';

export function HandoverListPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = listQueryFromParams(params);
  const { sort: _sort, direction: _direction, ...filter } = query;
  // The first page is asked first and the figures of the whole matched set only once it is here: both run on the one
  // database connection, and a search matching a large share of a million records takes far longer to add up than to
  // list, so the rows never wait for the sums. The table shares this page through the query cache.
  const first = useQuery({
    queryKey: pageQueryKey(query, 0),
    queryFn: () => callOrThrow('handovers:list', { ...query, offset: 0, limit: PAGE_SIZE }),
    staleTime: 30_000,
  });
  const summary = useQuery({
    queryKey: ['handovers', 'summary', filter],
    queryFn: () => callOrThrow('handovers:summary', filter),
    enabled: first.isSuccess,
  });
  const lng = i18n.language;
  const filtered = params.toString() !== '';
  const sums = summary.data;
  const mayCreate = useCan('handovers:create');
  const mayExport = useCan('io:export');
  const rows = first.data?.rows;
  // Until the figures come, the table holds the rows it has; it grows to the full count when they arrive.
  const total = sums ? sums.handovers : (rows?.length ?? 0);

  const onSort = (sort: string) => {
    const direction = query.sort === sort && query.direction === 'desc' ? 'asc' : 'desc';
    setParams(withParams(params, { sort, dir: direction }), { replace: true });
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('list.title')}</Title>
        <Group>
          {mayExport && <ExportButtons query={query} />}
          {mayCreate && (
            <Button component={Link} to="/handovers/new" data-testid="new-handover">
              {t('nav.newHandover')}
            </Button>
          )}
        </Group>
      </Group>
      <SampleData empty={!!rows && rows.length === 0 && !filtered} />
      <ListFilters />
      {(first.isError || summary.isError) && <Alert color="red">{t('errors.VALIDATION')}</Alert>}
      {sums ? (
        <Text data-testid="list-count">
          {t('list.count', { count: sums.handovers, n: formatNumber(sums.handovers, lng) })} —{' '}
          {t('list.sums', {
            women: formatNumber(sums.women, lng),
            children: formatNumber(sums.children, lng),
            men: formatNumber(sums.men, lng),
            persons: formatNumber(sums.persons, lng),
          })}
        </Text>
      ) : (
        rows &&
        rows.length > 0 && (
          <Group gap="xs" data-testid="list-count-loading">
            <Loader size="xs" />
            <Text c="dimmed">{t('list.figuresLoading')}</Text>
          </Group>
        )
      )}
      {rows && rows.length === 0 && !filtered && (
        <Alert>
          {t('list.empty')} {mayCreate && <Link to="/handovers/new">{t('list.emptyAction')}</Link>}
        </Alert>
      )}
      {rows && rows.length === 0 && filtered && <Alert color="gray">{t('list.noMatch')}</Alert>}
      {total > 0 && <HandoverTable query={query} total={total} onSort={onSort} />}
    </Stack>
  );
}
