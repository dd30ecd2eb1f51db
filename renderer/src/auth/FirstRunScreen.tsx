import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../electron/api/schemas/account';
import { call } from '../api/client';
import { useFields } from '../lib/use-fields';
import { issuesByPath } from '../lib/validation';
import { AuthLayout } from './AuthLayout';

/** The first run: whoever installs Tasleem creates the administrator account, and is signed in with it. */
export function FirstRunScreen({ onSignedIn }: { onSignedIn: (a: Account) => void }) {
  const { t } = useTranslation();
  const { form, setErrors, field } = useFields({ username: '', displayName: '', password: '', repeat: '' });
  const [code, setCode] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (form.password !== form.repeat) return setErrors({ repeat: 'passwords_differ' });
    const r = await call('auth:setup', {
      username: form.username,
      displayName: form.displayName,
      password: form.password,
    });
    if (r.ok) return onSignedIn(r.value);
    setErrors(issuesByPath(r.error.details?.issues ?? []));
    setCode(r.error.code);
  }
  return (
    <AuthLayout title={t('auth.setupTitle')} intro={t('auth.setupIntro')}>
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          {code && code !== 'VALIDATION' && <Alert color="red">{t(`errors.${code}`)}</Alert>}
          <TextInput
            label={t('auth.username')}
            description={t('auth.usernameHint')}
            {...field('username')}
            required
            dir="ltr"
            data-testid="setup-username"
          />
          <TextInput
            label={t('auth.displayName')}
            {...field('displayName')}
            required
            data-testid="setup-display-name"
          />
          <PasswordInput
            label={t('auth.password')}
            description={t('auth.passwordHint')}
            {...field('password')}
            required
            autoComplete="new-password"
            data-testid="setup-password"
          />
          <PasswordInput
            label={t('auth.repeatPassword')}
            {...field('repeat')}
            required
            autoComplete="new-password"
            data-testid="setup-repeat"
          />
          <Button type="submit" data-testid="setup-submit">
            {t('auth.createAdministrator')}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
