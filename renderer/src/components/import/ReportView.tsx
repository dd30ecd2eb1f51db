import { Alert, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportReason, ImportReportOut } from '../../../../electron/api/schemas/io';
import { countryName } from '../../lib/countries';
import { formatNumber } from '../../lib/format';
import { HeadedTable } from '../HeadedTable';

const COLOR = { new: 'teal', unchanged: 'gray', conflict: 'orange', rejected: 'red' } as const;

export function useReasonText() {
  const { t, i18n } = useTranslation();
  return (r: ImportReason) => {
    const column = r.column ? `${t(`io.columns.${r.column}`, { defaultValue: r.column })}: ` : '';
    const quoted = r.value && !r.key.startsWith('io.reason.duplicate') ? ` («${r.value}»)` : '';
    const names = r.suggestions?.map((code) => countryName(code, i18n.language));
    const hint = names?.length
      ? ` ${t('io.reason.did_you_mean', { names: names.join(t('common.listSeparator')) })}`
      : '';
    return `${column}${t(r.key, { value: r.value, defaultValue: r.key })}${quoted}${hint}`;
  };
}

export function ReportView({ report }: { report: ImportReportOut }) {
  const { t, i18n } = useTranslation();
  const reasonText = useReasonText();
  const n = (x: number) => formatNumber(x, i18n.language);
  const c = report.counts;
  return (
    <Paper withBorder p="md" data-testid="import-report">
      <Stack gap="sm">
        <Title order={4}>{report.dryRun ? t('io.report.titleDry') : t('io.report.title')}</Title>
        <Group gap="xs" data-testid="report-counts">
          <Badge color="blue" variant="light">
            {t('io.report.counts.rows')}: {n(c.rows)}
          </Badge>
          {(['new', 'unchanged', 'conflict', 'rejected'] as const).map((k) => (
            <Badge key={k} color={COLOR[k]} variant="light" data-testid={`count-${k}`}>
              {t(`io.report.counts.${k}`)}: {n(c[k])}
            </Badge>
          ))}
        </Group>
        {report.committed && (
          <Alert color="teal" data-testid="import-committed">
            {t('io.report.committed', { count: c.new, n: n(c.new) })}
          </Alert>
        )}
        {!report.dryRun && !report.committed && report.strict && (
          <Alert color="orange">{t('io.report.notCommittedStrict')}</Alert>
        )}
        {report.dryRun && c.rejected + c.conflict === 0 && <Alert color="teal">{t('io.report.allGood')}</Alert>}
        {report.unknownColumns.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('io.report.unknownColumns', { columns: report.unknownColumns.join(', ') })}
          </Text>
        )}
        {report.rows.length > 0 && (
          <HeadedTable
            data-testid="report-rows"
            striped
            head={[t('io.report.line'), t('io.report.reference'), t('io.report.outcome'), t('io.report.reasons')]}
          >
            {report.rows.map((r) => (
              <Table.Tr key={r.line}>
                <Table.Td>{r.line}</Table.Td>
                <Table.Td dir="ltr">{r.referenceNo || '—'}</Table.Td>
                <Table.Td>
                  <Badge color={COLOR[r.outcome]} variant="light">
                    {t(`io.report.outcomes.${r.outcome}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {r.reasons.map((x, i) => (
                    <Text key={i} size="sm">
                      {reasonText(x)}
                    </Text>
                  ))}
                  {(r.differences ?? []).map((d, i) => (
                    <Text key={`d${i}`} size="sm" c="orange.8">
                      {t('io.report.fileSaysStoredSays', {
                        column: t(`io.columns.${d.column}`),
                        file: d.file,
                        stored: d.stored,
                      })}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </HeadedTable>
        )}
        {report.rowsOmitted > 0 && (
          <Text size="sm" c="dimmed">
            {t('io.report.omitted', { count: report.rowsOmitted, n: n(report.rowsOmitted) })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
