import { Badge, Group, Text, UnstyledButton } from '@mantine/core';
import { useQueries, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { campRecorded } from '../../../../electron/api/domain/handover';
import type { ListQueryInput, ListResult, ListRow } from '../../../../electron/api/schemas/handover';
import { callOrThrow } from '../../api/client';
import { countryName } from '../../lib/countries';
import { formatDate, formatNumber } from '../../lib/format';
import { Flag } from '../CountrySelect';
import { IncompleteBadge, NotRecorded } from './NotRecorded';
import './handover-table.css';

export const PAGE_SIZE = 100;
const ROW_HEIGHT = 42;
type Query = Omit<ListQueryInput, 'offset' | 'limit' | 'after'>;
type Sort = NonNullable<ListQueryInput['sort']>;

const COLUMNS: { key: Sort; label: string; numeric?: boolean }[] = [
  { key: 'referenceNo', label: 'fields.referenceNo' },
  { key: 'handoverDate', label: 'fields.handoverDate' },
  { key: 'receivingCountry', label: 'fields.receivingCountry' },
  { key: 'delegationHeadName', label: 'fields.delegationHeadName' },
  { key: 'camp', label: 'fields.camp' },
  { key: 'persons', label: 'fields.persons', numeric: true },
  { key: 'status', label: 'fields.status' },
];

/** One cache entry per page of one query: the list page reads page 0 through the same key before the table mounts. */
export const pageQueryKey = (query: Query, page: number) => ['handovers', 'page', query, page] as const;

/** The value a row is sorted by (what the query layer orders on), for keyset paging. */
const sortValue = (r: ListRow, sort: Sort): string | number =>
  sort === 'persons' ? r.womenCount + r.childrenCount + r.menCount : r[sort];

/**
 * A page of rows: right after the previous page's last row when that page is loaded (scrolling on: keyset paging,
 * as fast deep in a million rows as at the top), else by position (a jump of the scrollbar).
 */
function fetchPage(client: QueryClient, query: Query, page: number) {
  const prev = page > 0 ? client.getQueryData<ListResult>(pageQueryKey(query, page - 1)) : undefined;
  const last = prev?.rows.length === PAGE_SIZE ? prev.rows[PAGE_SIZE - 1] : undefined;
  const sort = query.sort ?? 'handoverDate';
  return callOrThrow('handovers:list', {
    ...query,
    limit: PAGE_SIZE,
    ...(last ? { after: { value: sortValue(last, sort), id: last.id } } : { offset: page * PAGE_SIZE }),
  });
}

export const statusColor = (s: string) => (s === 'finalized' ? 'teal' : s === 'void' ? 'gray' : 'yellow');

/**
 * Only the rows on screen are in the DOM, and only their pages are fetched, so 100,000 handovers scroll as
 * smoothly as ten: a page is requested when a row of it comes into view.
 */
export function HandoverTable({ query, total, onSort }: { query: Query; total: number; onSort(sort: Sort): void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const client = useQueryClient();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const pages = [...new Set(items.map((i) => Math.floor(i.index / PAGE_SIZE)))];
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: pageQueryKey(query, page),
      queryFn: () => fetchPage(client, query, page),
      staleTime: 30_000,
    })),
  });
  const rowAt = (index: number): ListRow | undefined =>
    results[pages.indexOf(Math.floor(index / PAGE_SIZE))]?.data?.rows[index % PAGE_SIZE];

  return (
    <div className="ho-table" role="table" aria-rowcount={total + 1} data-testid="handover-table">
      <div className="ho-row ho-head" role="row">
        {COLUMNS.map((c) => (
          <div
            key={c.key}
            role="columnheader"
            aria-sort={query.sort === c.key ? (query.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
            className={c.numeric ? 'num' : undefined}
          >
            <UnstyledButton onClick={() => onSort(c.key)} data-testid={`sort-${c.key}`} fw={700} fz="sm">
              {t(c.label)} {query.sort === c.key ? (query.direction === 'asc' ? '▲' : '▼') : ''}
            </UnstyledButton>
          </div>
        ))}
      </div>
      <div ref={scrollRef} className="ho-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const r = rowAt(item.index);
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                className="ho-row"
                style={{
                  position: 'absolute',
                  insetInlineStart: 0,
                  insetInlineEnd: 0,
                  top: item.start,
                  height: ROW_HEIGHT,
                }}
              >
                {r ? (
                  <>
                    <div role="cell">
                      <Link to={`/handovers/${r.id}`}>
                        <span dir="ltr" className="bidi-isolate">
                          {r.referenceNo}
                        </span>
                      </Link>
                    </div>
                    <div role="cell" data-testid="row-date">
                      {formatDate(r.handoverDate, lng, r.datePrecision)}
                    </div>
                    <div role="cell">
                      <Group gap={6} wrap="nowrap">
                        <Flag code={r.receivingCountry} />
                        <Text size="sm" truncate>
                          {countryName(r.receivingCountry, lng)}
                        </Text>
                      </Group>
                    </div>
                    <div role="cell">
                      {r.delegationHeadName ? (
                        <Text size="sm" truncate className="bidi-isolate">
                          {r.delegationHeadName}
                        </Text>
                      ) : (
                        <NotRecorded />
                      )}
                    </div>
                    <div role="cell">
                      {campRecorded(r) ? r.camp === 'other' ? r.campOther : t(`camp.${r.camp}`) : <NotRecorded />}
                    </div>
                    <div role="cell" className="num">
                      {formatNumber(r.womenCount + r.childrenCount + r.menCount, lng)}
                    </div>
                    <div role="cell">
                      <Group gap={4} wrap="nowrap">
                        <Badge variant="light" color={statusColor(r.status)}>
                          {t(`status.${r.status}`)}
                          {r.version > 1 ? ` (v${r.version})` : ''}
                        </Badge>
                        <IncompleteBadge record={r} />
                      </Group>
                    </div>
                  </>
                ) : (
                  <div role="cell" className="ho-loading">
                    …
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
