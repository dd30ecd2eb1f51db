import { Alert, Button, Code, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerification } from '../../../electron/api/schemas/audit';
import { callOrThrow } from '../api/client';
import { formatDateTime, formatNumber } from '../lib/format';
import { DayRange } from '../components/DayRange';
import { HeadedTable } from '../components/HeadedTable';

const PAGE = 100;

/** Settings → Audit: the log filtered by account, record and days, and the verifier that recomputes its chain. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [filter, setFilter] = useState<{
    actor: string | null;
    entityId: string;
    from: string | null;
    to: string | null;
  }>({ actor: null, entityId: '', from: null, to: null });
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const query = {
    actor: filter.actor ?? undefined,
    entityId: filter.entityId.trim() || undefined,
    from: filter.from ?? undefined,
    to: filter.to ?? undefined,
    limit: PAGE,
  };
  const log = useQuery({ queryKey: ['audit', query], queryFn: () => callOrThrow('audit:list', query) });
  const label = (action: string) =>
    t(`auditLog.actions.${action}`, { defaultValue: t(`audit.${action}`, { defaultValue: action }) });

  async function verify() {
    setVerifying(true);
    setVerification(await callOrThrow('audit:verify', {}));
    setVerifying(false);
  }

  return (
    <Stack maw={1200}>
      <Title order={2}>{t('auditLog.title')}</Title>
      <Paper withBorder p="md">
        <Group justify="space-between" align="center">
          <Text size="sm" c="dimmed" maw={760}>
            {t('auditLog.verifyHelp')}
          </Text>
          <Button onClick={() => void verify()} loading={verifying} data-testid="audit-verify">
            {t('auditLog.verify')}
          </Button>
        </Group>
        {verification && (
          <Alert
            mt="sm"
            color={verification.ok ? 'teal' : 'red'}
            data-testid="audit-verdict"
            data-ok={String(verification.ok)}
          >
            {verification.ok
              ? t('auditLog.intact', { n: formatNumber(verification.count, lng) })
              : t(`auditLog.broken.${verification.broken!.reason}`, { id: formatNumber(verification.broken!.id, lng) })}
            {verification.broken?.at && (
              <Text size="sm">
                {formatDateTime(verification.broken.at, lng)} · <bdi>{verification.broken.actor}</bdi> ·{' '}
                {label(verification.broken.action ?? '')}
              </Text>
            )}
          </Alert>
        )}
      </Paper>
      <Group align="end">
        <Select
          label={t('auditLog.account')}
          clearable
          searchable
          data={log.data?.actors ?? []}
          value={filter.actor}
          onChange={(v) => setFilter({ ...filter, actor: v })}
          data-testid="audit-actor"
        />
        <TextInput
          label={t('auditLog.record')}
          description={t('auditLog.recordHint')}
          dir="ltr"
          value={filter.entityId}
          onChange={(e) => setFilter({ ...filter, entityId: e.currentTarget.value })}
          data-testid="audit-record"
        />
        <DayRange value={filter} onChange={(patch) => setFilter({ ...filter, ...patch })} testId="audit" />
      </Group>
      {log.data && log.data.rows.length === 0 && <Alert color="gray">{t('auditLog.empty')}</Alert>}
      {log.data && log.data.rows.length > 0 && (
        <HeadedTable
          striped
          withTableBorder
          data-testid="audit-table"
          head={[
            '#',
            t('auditLog.when'),
            t('auditLog.account'),
            t('auditLog.action'),
            t('auditLog.record'),
            t('auditLog.details'),
          ]}
        >
          {log.data.rows.map((r) => (
            <Table.Tr key={r.id} data-testid="audit-row" data-action={r.action}>
              <Table.Td>{formatNumber(r.id, lng)}</Table.Td>
              <Table.Td>{formatDateTime(r.at, lng)}</Table.Td>
              <Table.Td dir={r.actor.startsWith('system:') ? undefined : 'ltr'} data-testid="audit-actor-cell">
                {r.actor.startsWith('system:')
                  ? t(`auditLog.systemActor.${r.actor.slice('system:'.length)}`, { defaultValue: r.actor })
                  : r.actor}
              </Table.Td>
              <Table.Td>{label(r.action)}</Table.Td>
              <Table.Td dir="ltr">
                <Text size="xs" ff="monospace">
                  {r.entityId ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td dir="ltr">
                <Code block fz="xs" mah={80} style={{ overflow: 'auto' }}>
                  {JSON.stringify(r.details)}
                </Code>
              </Table.Td>
            </Table.Tr>
          ))}
        </HeadedTable>
      )}
      {log.data && log.data.rows.length === PAGE && (
        <Text size="sm" c="dimmed">
          {t('auditLog.newestOnly', { n: formatNumber(PAGE, lng) })}
        </Text>
      )}
    </Stack>
  );
}
