import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/api/result';
import type { RecoveryStatus } from '../../../electron/api/schemas/backup';
import { call } from '../api/client';
import { AuthLayout } from '../auth/AuthLayout';
import { BackupTable, PathAction, WorkingBar } from '../components/backup/BackupTable';
import { explainError } from '../lib/errors';

type Recovering = Extract<RecoveryStatus, { state: 'recovery' }>;
type Done = { kind: 'restored'; from: string; movedAside: string | null } | { kind: 'encrypted'; plainBackup: string };

/** The database did not open: why, in the UI language, and what can be done about it. */
export function RecoveryScreen({ status }: { status: Recovering }) {
  const { t } = useTranslation();
  const [working, setWorking] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [path, setPath] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  async function restore(source: { name: string } | { path: string }) {
    setWorking(t('backup.restoring'));
    setError(null);
    const r = await call('recovery:restore', source);
    setWorking(null);
    if (r.ok) setDone({ kind: 'restored', from: r.value.from, movedAside: r.value.movedAside });
    else setError(r.error);
  }

  async function encrypt() {
    setWorking(t('recovery.encrypting'));
    setError(null);
    const r = await call('recovery:encrypt', username ? { username, password } : {});
    setWorking(null);
    if (r.ok) setDone({ kind: 'encrypted', plainBackup: r.value.plainBackup });
    else setError(r.error);
  }

  return (
    <AuthLayout
      title={status.canEncrypt ? t('recovery.plainTitle') : t('recovery.title')}
      w={760}
      maw="100%"
      data-testid="recovery-screen"
      data-code={status.code}
    >
      <Alert color={status.canEncrypt ? 'yellow' : 'red'} mb="md">
        {t(`errors.${status.code}`)}
      </Alert>
      <Text size="sm" c="dimmed" mb="md">
        {t('recovery.dataDir')} <span dir="ltr">{status.dataDir}</span>
      </Text>
      {working && <WorkingBar label={working} />}
      {error && (
        <Alert color="red" mb="md" data-testid="recovery-error">
          {explainError(t, error)}
        </Alert>
      )}
      {done ? (
        <Stack>
          <Alert color="teal" data-testid="recovery-done">
            {done.kind === 'restored'
              ? t('recovery.restored', { from: done.from })
              : t('recovery.encrypted', { file: done.plainBackup })}
            {done.kind === 'restored' && done.movedAside && ` ${t('recovery.movedAside', { file: done.movedAside })}`}
          </Alert>
          <Button onClick={() => window.location.reload()} data-testid="recovery-open">
            {t('recovery.open')}
          </Button>
        </Stack>
      ) : (
        <Stack>
          {status.canEncrypt && (
            <Stack>
              <Text>{t('recovery.plainIntro')}</Text>
              <Text size="sm" c="dimmed">
                {t('recovery.plainAdmin')}
              </Text>
              <Group grow>
                <TextInput
                  label={t('auth.username')}
                  value={username}
                  onChange={(e) => setUsername(e.currentTarget.value)}
                  dir="ltr"
                />
                <PasswordInput
                  label={t('auth.password')}
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                />
              </Group>
              <Button disabled={!!working} onClick={() => void encrypt()} data-testid="recovery-encrypt">
                {t('recovery.encrypt')}
              </Button>
            </Stack>
          )}
          {status.canRestore && (
            <>
              <Text>{t('recovery.restoreIntro')}</Text>
              <BackupTable
                backups={status.backups}
                busy={!!working}
                onRestore={(b) => void restore({ name: b.name })}
              />
              <PathAction
                label={t('backup.restoreFrom')}
                value={path}
                onChange={setPath}
                busy={!!working}
                onAct={() => void restore({ path })}
              >
                {t('backup.restoreFile')}
              </PathAction>
            </>
          )}
          {!status.canRestore && !status.canEncrypt && <Text>{t('recovery.noKey')}</Text>}
        </Stack>
      )}
    </AuthLayout>
  );
}
