import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { callOrThrow } from '../api/client';
import { HandoverTable } from '../components/handovers/HandoverTable';
import { ExportButtons } from '../components/import/ExportButtons';
import { ListFilters } from '../components/handovers/ListFilters';
import { formatNumber } from '../lib/format';
import { listQueryFromParams, withParams } from '../lib/list-query';
import { useCan } from '../auth/account';

export function HandoverListPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = listQueryFromParams(params);
  const { sort: _sort, direction: _direction, ...filter } = query;
  const summary = useQuery({ queryKey: ['handovers', 'summary', filter], queryFn: () => callOrThrow('handovers:summary', filter) });
  const lng = i18n.language;
  const filtered = params.toString() !== '';
  const sums = summary.data;
  const mayCreate = useCan('handovers:create');
  const mayExport = useCan('io:export');

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
          {mayCreate && <Button component={Link} to="/handovers/new" data-testid="new-handover">{t('nav.newHandover')}</Button>}
        </Group>
      </Group>
      <ListFilters />
      {summary.isError && <Alert color="red">{t('errors.VALIDATION')}</Alert>}
      {sums && (
        <Text data-testid="list-count">
          {t('list.count', { count: sums.handovers, n: formatNumber(sums.handovers, lng) })} — {t('list.sums', { women: formatNumber(sums.women, lng), children: formatNumber(sums.children, lng), men: formatNumber(sums.men, lng), persons: formatNumber(sums.persons, lng) })}
        </Text>
      )}
      {sums && sums.handovers === 0 && !filtered && (
        <Alert>
          {t('list.empty')} {mayCreate && <Link to="/handovers/new">{t('list.emptyAction')}</Link>}
        </Alert>
      )}
      {sums && sums.handovers === 0 && filtered && <Alert color="gray">{t('list.noMatch')}</Alert>}
      {sums && sums.handovers > 0 && <HandoverTable query={query} total={sums.handovers} onSort={onSort} />}
    </Stack>
  );
}
