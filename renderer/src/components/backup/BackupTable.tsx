import { Button, Progress, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
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

/** A long backup or restore blocks nothing visible: the bar says it is under way (SQLite gives no progress for it). */
export function WorkingBar({ label }: { label: string }) {
  return (
    <div role="status" data-testid="backup-working">
      <Text size="sm" mb={4}>
        {label}
      </Text>
      <Progress value={100} striped animated aria-label={label} />
    </div>
  );
}
