import { Button, Progress, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupProgress } from '../../../../electron/api/schemas/progress';
import { onEvent } from '../../api/client';
import type { BackupInfoOut } from '../../../../electron/api/schemas/backup';
import { formatDateTime, formatNumber } from '../../lib/format';

export function formatSize(bytes: number, lng: string, t: TFunction) {
  if (bytes < 1024 * 1024) return t('backup.kb', { n: formatNumber(Math.max(1, Math.round(bytes / 1024)), lng) });
  return t('backup.mb', { n: formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10, lng) });
}

/** The backups in the data folder, newest first, each with a restore button (the settings and the recovery screen). */
export function BackupTable({
  backups,
  onRestore,
  busy,
}: {
  backups: BackupInfoOut[];
  onRestore: (b: BackupInfoOut) => void;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation();
  if (!backups.length) return <Text c="dimmed">{t('backup.none')}</Text>;
  return (
    <Table striped data-testid="backup-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('backup.when')}</Table.Th>
          <Table.Th>{t('backup.kind')}</Table.Th>
          <Table.Th>{t('backup.size')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {backups.map((b) => (
          <Table.Tr key={b.name} data-testid="backup-row" data-name={b.name}>
            <Table.Td>{formatDateTime(b.at, i18n.language)}</Table.Td>
            <Table.Td>{t(`backup.kinds.${b.kind}`)}</Table.Td>
            <Table.Td>{formatSize(b.bytes, i18n.language, t)}</Table.Td>
            <Table.Td>
              <Button
                size="xs"
                variant="light"
                disabled={busy}
                onClick={() => onRestore(b)}
                data-testid="backup-restore"
              >
                {t('backup.restore')}
              </Button>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/**
 * A backup or restore under way: the step the `backup.progress` events report (a restore: copy, check, swap), or an
 * animated bar while none came (a backup is one VACUUM INTO, which reports nothing until it ends).
 */
export function WorkingBar({ label }: { label: string }) {
  const { t } = useTranslation();
  const [p, setP] = useState<BackupProgress | null>(null);
  useEffect(() => onEvent('backup.progress', setP), []);
  const value = p && p.total ? Math.round((p.done / p.total) * 100) : 100;
  return (
    <div role="status" data-testid="backup-working">
      <Text size="sm" mb={4}>
        {label}
        {p?.state === 'running' && p.operation === 'restore' && ` (${t(`backup.phases.${p.phase}`)})`}
      </Text>
      <Progress value={Math.max(value, 10)} striped animated aria-label={label} />
    </div>
  );
}
