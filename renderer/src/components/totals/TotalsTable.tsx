import { Table } from '@mantine/core';
import { memo, useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CountryTotalsRow, TotalsSumRow } from '../../../../electron/api/schemas/totals';
import { countryName } from '../../lib/countries';
import { formatDate, formatNumber } from '../../lib/format';
import { Flag } from '../CountrySelect';

export const FIGURES = ['handovers', 'women', 'children', 'boys', 'girls', 'unaccompanied', 'men', 'persons'] as const;
export const SORT_KEYS = ['country', ...FIGURES, 'first', 'last'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

interface Props {
  rows: CountryTotalsRow[];
  sum: TotalsSumRow;
  sort: SortKey;
  direction: 'asc' | 'desc';
  onSort(key: SortKey): void;
  /** Render only the first rows (of the sorted order): the page's first paint; the sum row is always whole. */
  limit?: number;
}

/**
 * Sorting happens here, on at most a few hundred aggregated rows; the figures themselves come from SQL.
 * Body rows are plain <tr>/<td> styled in totals.css: with 200 countries, 2,400 Mantine cell components cost
 * more to mount than the whole rest of the page. Memoized, like its rows: the timeline arriving re-renders the page,
 * not the table.
 */
export const TotalsTable = memo(function TotalsTable({ rows, sum, sort, direction, onSort, limit }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const sorted = useMemo(() => {
    const collator = new Intl.Collator(lng);
    const value = (r: CountryTotalsRow) => (sort === 'country' ? countryName(r.country, lng) : r[sort]);
    const sign = direction === 'desc' ? -1 : 1;
    const keyed = rows.map((r) => ({ r, v: value(r) }));
    // Ties keep the country-code order whichever way the column is sorted (as the CLI and the exports do).
    keyed.sort((a, b) => {
      const c =
        typeof a.v === 'number' && typeof b.v === 'number' ? a.v - b.v : collator.compare(String(a.v), String(b.v));
      return c !== 0 ? sign * c : a.r.country < b.r.country ? -1 : 1;
    });
    return keyed.map((k) => k.r);
  }, [rows, sort, direction, lng]);

  const header = (key: SortKey) => {
    const label = t(`totals.columns.${key}`);
    const active = sort === key;
    return (
      <Table.Th
        key={key}
        className={FIGURES.includes(key as (typeof FIGURES)[number]) ? 'num' : undefined}
        aria-sort={active ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}
      >
        <button
          type="button"
          className="totals-sort"
          onClick={() => onSort(key)}
          title={t('totals.sortBy', { column: label })}
          data-testid={`sort-${key}`}
        >
          {label}
          <span aria-hidden="true">{active ? (direction === 'asc' ? '▲' : '▼') : '↕'}</span>
        </button>
      </Table.Th>
    );
  };

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover withTableBorder className="totals-table" data-testid="totals-table">
        <Table.Thead>
          <Table.Tr>{SORT_KEYS.map(header)}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(limit === undefined ? sorted : sorted.slice(0, limit)).map((r) => (
            <TotalsRow key={r.country} row={r} lng={lng} t={t} />
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr data-testid="totals-sum" style={{ fontWeight: 700 }}>
            <Table.Th>{t('totals.sumRow')}</Table.Th>
            {FIGURES.map((k) => (
              <Table.Th key={k} className="num" data-col={k} data-value={sum[k]}>
                {formatNumber(sum[k], lng)}
              </Table.Th>
            ))}
            <Table.Th data-col="first">{sum.first ? formatDate(sum.first, lng) : t('common.none')}</Table.Th>
            <Table.Th data-col="last">{sum.last ? formatDate(sum.last, lng) : t('common.none')}</Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
});

/** Memoized: when the rest of the table is rendered after the first paint, the rows already on screen are not. */
const TotalsRow = memo(function TotalsRow({ row: r, lng, t }: { row: CountryTotalsRow; lng: string; t: TFunction }) {
  const name = countryName(r.country, lng);
  return (
    <tr data-testid={`totals-row-${r.country}`} data-country={r.country}>
      <td>
        <Link
          to={`/handovers?country=${r.country}`}
          title={t('totals.openList', { country: name })}
          data-testid={`totals-link-${r.country}`}
        >
          <span className="totals-country">
            <Flag code={r.country} />
            <span>{name}</span>
          </span>
        </Link>
      </td>
      {FIGURES.map((k) => (
        <td key={k} className="num" data-col={k} data-value={r[k]}>
          {formatNumber(r[k], lng)}
        </td>
      ))}
      <td data-col="first" data-value={r.first}>
        {formatDate(r.first, lng)}
      </td>
      <td data-col="last" data-value={r.last}>
        {formatDate(r.last, lng)}
      </td>
    </tr>
  );
});
