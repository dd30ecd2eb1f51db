import { Button, Group, Progress, Table, Text, TextInput, type ButtonProps } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupProgress } from '../../../../electron/api/schemas/progress';
import { onEvent } from '../../api/client';
import type { BackupInfoOut } from '../../../../electron/api/schemas/backup';
import { formatDateTime, formatNumber } from '../../lib/format';
import { HeadedTable } from '../HeadedTable';

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
    <HeadedTable striped data-testid="backup-table" head={[t('backup.when'), t('backup.kind'), t('backup.size'), null]}>
      {backups.map((b) => (
        <Table.Tr key={b.name} data-testid="backup-row" data-name={b.name}>
          <Table.Td>{formatDateTime(b.at, i18n.language)}</Table.Td>
          <Table.Td>{t(`backup.kinds.${b.kind}`)}</Table.Td>
          <Table.Td>{formatSize(b.bytes, i18n.language, t)}</Table.Td>
          <Table.Td>
            <Button size="xs" variant="light" disabled={busy} onClick={() => onRestore(b)} data-testid="backup-restore">
              {t('backup.restore')}
            </Button>
          </Table.Td>
        </Table.Tr>
      ))}
    </HeadedTable>
  );
}

/** A file's path typed by hand (the page cannot browse the machine) and the button that acts on it. */
export function PathAction({
  label,
  description,
  value,
  onChange,
  busy,
  color,
  onAct,
  children,
  testIds,
}: {
  label: string;
  description?: string;
  value: string;
  onChange: (path: string) => void;
  busy: boolean;
  color?: ButtonProps['color'];
  onAct: () => void;
  children: ReactNode;
  testIds?: { path: string; button: string };
}) {
  return (
    <Group align="flex-end">
      <TextInput
        flex={1}
        dir="ltr"
        label={label}
        description={description}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        data-testid={testIds?.path}
      />
      <Button
        variant="light"
        color={color}
        disabled={busy || !value.trim()}
        onClick={onAct}
        data-testid={testIds?.button}
      >
        {children}
      </Button>
    </Group>
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
