import { Alert, Badge, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { ListQueryInput } from '../../../electron/api/schemas/handover';
import { callOrThrow } from '../api/client';
import { Flag } from '../components/CountrySelect';
import { countryName } from '../lib/countries';
import { formatDate, formatNumber } from '../lib/format';

/** The filter lives in the URL, so a reload or a shared link shows the same list. */
function queryFromParams(p: URLSearchParams): ListQueryInput {
  return {
    search: p.get('q') ?? '',
    countries: p.getAll('country'),
    sort: (p.get('sort') as ListQueryInput['sort']) ?? 'handoverDate',
    direction: p.get('dir') === 'asc' ? 'asc' : 'desc',
    limit: 200,
  };
}

export function HandoverListPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = queryFromParams(params);
  const list = useQuery({ queryKey: ['handovers', query], queryFn: () => callOrThrow('handovers:list', query) });
  const lng = i18n.language;
  const saved = params.get('saved');

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.delete('saved');
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('list.title')}</Title>
        <Button component={Link} to="/handovers/new" data-testid="new-handover">{t('nav.newHandover')}</Button>
      </Group>
      {saved && <Alert color="teal" data-testid="saved-banner">{t('form.updated', { ref: saved })}</Alert>}
      <TextInput aria-label={t('common.search')} placeholder={t('list.searchPlaceholder')} value={params.get('q') ?? ''} onChange={(e) => setParam('q', e.currentTarget.value)} data-testid="search" />
      {list.data && (
        <Text data-testid="list-count">
          {t('list.count', { count: list.data.total })} — {t('list.sums', { women: formatNumber(list.data.sums.women, lng), children: formatNumber(list.data.sums.children, lng), men: formatNumber(list.data.sums.men, lng), persons: formatNumber(list.data.sums.persons, lng) })}
        </Text>
      )}
      {list.data && list.data.total === 0 && !query.search && (
        <Alert>
          {t('list.empty')} <Link to="/handovers/new">{t('list.emptyAction')}</Link>
        </Alert>
      )}
      <Table striped highlightOnHover data-testid="handover-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('fields.referenceNo')}</Table.Th>
            <Table.Th>{t('fields.handoverDate')}</Table.Th>
            <Table.Th>{t('fields.receivingCountry')}</Table.Th>
            <Table.Th>{t('fields.delegationHeadName')}</Table.Th>
            <Table.Th>{t('fields.womenCount')}</Table.Th>
            <Table.Th>{t('fields.childrenCount')}</Table.Th>
            <Table.Th>{t('fields.menCount')}</Table.Th>
            <Table.Th>{t('fields.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td><Link to={`/handovers/${r.id}/edit`}><span className="bidi-isolate" dir="ltr">{r.referenceNo}</span></Link></Table.Td>
              <Table.Td>{formatDate(r.handoverDate, lng)}</Table.Td>
              <Table.Td><Group gap={6} wrap="nowrap"><Flag code={r.receivingCountry} />{countryName(r.receivingCountry, lng)}</Group></Table.Td>
              <Table.Td><span className="bidi-isolate">{r.delegationHeadName}</span></Table.Td>
              <Table.Td>{formatNumber(r.womenCount, lng)}</Table.Td>
              <Table.Td>{formatNumber(r.childrenCount, lng)}</Table.Td>
              <Table.Td>{formatNumber(r.menCount, lng)}</Table.Td>
              <Table.Td><Badge variant="light" color={r.status === 'finalized' ? 'teal' : r.status === 'void' ? 'gray' : 'yellow'}>{t(`status.${r.status}`)}</Badge></Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
