import { Alert, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../electron/api/result';
import { call, callOrThrow, eventsReady } from '../../api/client';
import { explainError } from '../../lib/errors';
import { BackupTable, formatSize, PathAction, WorkingBar } from './BackupTable';

type Source = { name: string } | { path: string };
type Outcome = { ok: true; text: string } | { ok: false; error: ApiError };

/**
 * Settings → Backups (administrator): the backups kept in the data folder, a backup now, one saved to a chosen file
 * (a USB stick), and a restore, which checks the backup before anything is replaced and keeps a pre-restore backup.
 */
export function BackupsSection() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['backups'], queryFn: () => callOrThrow('backup:list', {}) });
  const [working, setWorking] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [savePath, setSavePath] = useState('');
  const [restorePath, setRestorePath] = useState('');
  const [confirm, setConfirm] = useState<Source | null>(null);

  async function run<T>(
    label: string,
    fn: () => Promise<{ ok: true; value: T } | { ok: false; error: ApiError }>,
    text: (v: T) => string,
  ) {
    setWorking(label);
    setOutcome(null);
    await eventsReady();
    const r = await fn();
    setWorking(null);
    setOutcome(r.ok ? { ok: true, text: text(r.value) } : { ok: false, error: r.error });
    await queryClient.invalidateQueries({ queryKey: ['backups'] });
    return r.ok;
  }

  async function restore(source: Source) {
    setConfirm(null);
    const done = await run(
      t('backup.restoring'),
      () => call('backup:restore', source),
      (r) => t('backup.restored', { from: r.from, handovers: r.handovers, preRestore: r.preRestore ?? '' }),
    );
    // Every screen now reads the restored database.
    if (done) await queryClient.invalidateQueries();
  }

  return (
    <Paper withBorder p="md" data-testid="backups-section">
      <Title order={4} mb="xs">
        {t('backup.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('backup.intro')}
      </Text>
      <Stack>
        {working && <WorkingBar label={working} />}
        {outcome?.ok && (
          <Alert color="teal" data-testid="backup-outcome">
            {outcome.text}
          </Alert>
        )}
        {outcome && !outcome.ok && (
          <Alert color="red" data-testid="backup-error">
            {explainError(t, outcome.error)}
          </Alert>
        )}
        <Group>
          <Button
            disabled={!!working}
            data-testid="backup-now"
            onClick={() =>
              void run(
                t('backup.working'),
                () => call('backup:create', {}),
                (b) => t('backup.made', { size: formatSize(b.bytes, i18n.language, t) }),
              )
            }
          >
            {t('backup.now')}
          </Button>
        </Group>
        <PathAction
          label={t('backup.saveTo')}
          description={t('backup.saveToHint')}
          value={savePath}
          onChange={setSavePath}
          busy={!!working}
          testIds={{ path: 'backup-save-path', button: 'backup-save' }}
          onAct={() =>
            void run(
              t('backup.working'),
              () => call('backup:saveTo', { path: savePath }),
              (r) => t('backup.saved', { file: r.file, size: formatSize(r.bytes, i18n.language, t) }),
            )
          }
        >
          {t('backup.save')}
        </PathAction>
        {list.data && (
          <>
            <Text size="sm" c="dimmed">
              {t('backup.folder')} <span dir="ltr">{list.data.dir}</span>
            </Text>
            <BackupTable backups={list.data.backups} busy={!!working} onRestore={(b) => setConfirm({ name: b.name })} />
          </>
        )}
        <PathAction
          label={t('backup.restoreFrom')}
          value={restorePath}
          onChange={setRestorePath}
          busy={!!working}
          color="orange"
          onAct={() => setConfirm({ path: restorePath })}
          testIds={{ path: 'backup-restore-path', button: 'backup-restore-file' }}
        >
          {t('backup.restoreFile')}
        </PathAction>
      </Stack>
      <Modal opened={!!confirm} onClose={() => setConfirm(null)} title={t('backup.confirmTitle')}>
        <Text mb="md">{t('backup.confirmText')}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setConfirm(null)}>
            {t('common.cancel')}
          </Button>
          <Button color="orange" onClick={() => confirm && void restore(confirm)} data-testid="backup-confirm">
            {t('backup.restore')}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
