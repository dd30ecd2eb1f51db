import { Alert, Button, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { issuesByPath } from '../lib/validation';

/** Your own password: the current one, then the new one twice. */
export function AccountPage() {
  const { t } = useTranslation();
  const [form, setForm] = useState({ current: '', next: '', repeat: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  async function save() {
    setSaved(false);
    if (form.next !== form.repeat) return setErrors({ repeat: 'passwords_differ' });
    const r = await call('auth:changePassword', { current: form.current, next: form.next });
    if (!r.ok) return setErrors(issuesByPath(r.error.details?.issues ?? []));
    setErrors({});
    setForm({ current: '', next: '', repeat: '' });
    setSaved(true);
  }
  const field = (k: keyof typeof form, label: string) => (
    <PasswordInput
      label={label}
      value={form[k]}
      onChange={(e) => setForm({ ...form, [k]: e.currentTarget.value })}
      error={errors[k] && t(`validation.${errors[k]}`)}
      autoComplete={k === 'current' ? 'current-password' : 'new-password'}
      data-testid={`password-${k}`}
    />
  );
  return (
    <Paper withBorder p="md" maw={480}>
      <Title order={3} mb="md">
        {t('auth.changePassword')}
      </Title>
      <Stack>
        {saved && <Alert color="teal">{t('auth.passwordChanged')}</Alert>}
        {field('current', t('auth.currentPassword'))}
        {field('next', t('auth.newPassword'))}
        {field('repeat', t('auth.repeatPassword'))}
        <Button onClick={() => void save()} data-testid="change-password">
          {t('common.save')}
        </Button>
      </Stack>
    </Paper>
  );
}
