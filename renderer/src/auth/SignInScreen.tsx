import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../electron/api/schemas/account';
import type { ApiError } from '../../../electron/api/result';
import { call } from '../api/client';
import { AuthLayout } from './AuthLayout';

/** Sign in; after an idle lock the username is kept and only the password is asked again. */
export function SignInScreen({ lockedAs, onSignedIn }: { lockedAs: string | null; onSignedIn: (a: Account) => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState(lockedAs ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    const r = await call('auth:signIn', { username, password });
    setBusy(false);
    if (r.ok) return onSignedIn(r.value);
    setPassword('');
    setError(r.error);
  }
  const wait = Number(error?.details?.retryAfterSeconds ?? 0);
  return (
    <AuthLayout
      title={lockedAs ? t('auth.lockedTitle') : t('auth.signInTitle')}
      intro={lockedAs ? t('auth.lockedIntro', { username: lockedAs }) : undefined}
    >
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          {error && (
            <Alert color="red" data-testid="sign-in-error" data-code={error.code}>
              {t(`errors.${error.code}`)}
              {wait > 0 && ` ${t('auth.retryAfter', { count: Math.ceil(wait / 60), seconds: wait })}`}
            </Alert>
          )}
          <TextInput
            label={t('auth.username')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            autoComplete="username"
            required
            dir="ltr"
            data-testid="sign-in-username"
          />
          <PasswordInput
            label={t('auth.password')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="current-password"
            required
            autoFocus={!!lockedAs}
            data-testid="sign-in-password"
          />
          <Button type="submit" loading={busy} data-testid="sign-in-submit">
            {t('auth.signIn')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
