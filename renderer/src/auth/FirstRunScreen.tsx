import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../electron/api/schemas/account';
import { call } from '../api/client';
import { issuesByPath } from '../lib/validation';
import { AuthLayout } from './AuthLayout';

/** The first run: whoever installs Tasleem creates the administrator account, and is signed in with it. */
export function FirstRunScreen({ onSignedIn }: { onSignedIn: (a: Account) => void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState({ username: '', displayName: '', password: '', repeat: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [code, setCode] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [k]: e.currentTarget.value });
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
  const err = (k: string) => errors[k] && t(`validation.${errors[k]}`);
  return (
    <AuthLayout title={t('auth.setupTitle')} intro={t('auth.setupIntro')}>
      <form onSubmit={(e) => void submit(e)}>
        <Stack>
          {code && code !== 'VALIDATION' && <Alert color="red">{t(`errors.${code}`)}</Alert>}
          <TextInput
            label={t('auth.username')}
            description={t('auth.usernameHint')}
            value={form.username}
            onChange={set('username')}
            error={err('username')}
            required
            dir="ltr"
            data-testid="setup-username"
          />
          <TextInput
            label={t('auth.displayName')}
            value={form.displayName}
            onChange={set('displayName')}
            error={err('displayName')}
            required
            data-testid="setup-display-name"
          />
          <PasswordInput
            label={t('auth.password')}
            description={t('auth.passwordHint')}
            value={form.password}
            onChange={set('password')}
            error={err('password')}
            required
            autoComplete="new-password"
            data-testid="setup-password"
          />
          <PasswordInput
            label={t('auth.repeatPassword')}
            value={form.repeat}
            onChange={set('repeat')}
            error={err('repeat')}
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
