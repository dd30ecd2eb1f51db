import { Alert, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { IMPORT_COLUMNS, type ImportColumn } from '../../../../electron/api/schemas/handover';
import type { InspectResult } from '../../../../electron/api/schemas/io';
import { HeadedTable } from '../HeadedTable';

type Column = ImportColumn;
export type Mapping = (Column | null)[];

/** One line per column of the file: its header, a sample value, and the field it fills (or ignored). */
export function MappingStep({
  inspect,
  mapping,
  onChange,
}: {
  inspect: InspectResult;
  mapping: Mapping;
  onChange: (m: Mapping) => void;
}) {
  const { t } = useTranslation();
  const options = [
    { value: '', label: t('io.mapping.ignore') },
    ...IMPORT_COLUMNS.map((c) => ({ value: c, label: `${t(`io.columns.${c}`, { defaultValue: c })} (${c})` })),
  ];
  const missing = inspect.required.filter((c) => !mapping.includes(c));
  const used = mapping.filter(Boolean);
  const twice = new Set(used).size !== used.length;
  const set = (i: number, v: string | null) =>
    onChange(mapping.map((m, j) => (j === i ? ((v || null) as Column | null) : m)));
  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={4}>{t('io.mapping.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('io.mapping.hint')}
        </Text>
        <HeadedTable
          data-testid="mapping-table"
          striped
          head={[t('io.mapping.header'), t('io.mapping.field'), t('io.preview.title')]}
        >
          {inspect.headers.map((h, i) => (
            <Table.Tr key={i}>
              <Table.Td dir="auto">{h || '—'}</Table.Td>
              <Table.Td>
                <Select
                  aria-label={h}
                  data-testid={`map-${i}`}
                  data={options}
                  value={mapping[i] ?? ''}
                  onChange={(v) => set(i, v)}
                  searchable
                  allowDeselect={false}
                  comboboxProps={{ withinPortal: true }}
                />
              </Table.Td>
              <Table.Td dir="auto">
                <Text size="sm" c="dimmed" truncate maw={220}>
                  {inspect.sample[0]?.cells[i] ?? ''}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </HeadedTable>
        {missing.length > 0 && (
          <Alert color="orange" data-testid="mapping-missing">
            {t('io.mapping.missing', { columns: missing.map((c) => t(`io.columns.${c}`)).join('، ') })}
          </Alert>
        )}
        {twice && <Alert color="orange">{t('io.mapping.twice')}</Alert>}
      </Stack>
    </Paper>
  );
}

/** The first rows as they will be read: only mapped columns, under the field names. */
export function PreviewTable({ inspect, mapping }: { inspect: InspectResult; mapping: Mapping }) {
  const { t } = useTranslation();
  const cols = mapping.map((m, i) => [m, i] as const).filter(([m]) => m !== null) as [Column, number][];
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        {t('io.preview.title')}
      </Title>
      <Table.ScrollContainer minWidth={600}>
        <HeadedTable
          data-testid="preview-table"
          striped
          withColumnBorders
          head={[t('io.preview.line'), ...cols.map(([c]) => t(`io.columns.${c}`))]}
        >
          {inspect.sample.map((r) => (
            <Table.Tr key={r.line}>
              <Table.Td>{r.line}</Table.Td>
              {cols.map(([c, i]) => (
                <Table.Td key={c} dir="auto">
                  {r.cells[i]}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </HeadedTable>
      </Table.ScrollContainer>
    </Paper>
  );
}
