import { Alert, Button, Group, PasswordInput, Progress, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECOVERY_PASSPHRASE } from '../../../../electron/api/domain/passphrase';
import { call, callOrThrow } from '../../api/client';
import { useAccount } from '../../auth/account';
import { issuesByPath } from '../../lib/validation';
import { Section } from '../Section';

const COLORS = ['red', 'red', 'orange', 'teal', 'green'];

/**
 * Settings → Recovery passphrase (administrators): the second way to the database key, for a new machine or a broken
 * keychain. Guidance and a strength meter while typing, the passphrase twice, the administrator's own password first.
 */
export function RecoveryPassphrase() {
  const { t } = useTranslation();
  const account = useAccount();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['keys:recovery'], queryFn: () => callOrThrow('keys:recovery', {}) });
  const [form, setForm] = useState({ passphrase: '', repeat: '', password: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [score, setScore] = useState<number | null>(null);

  useEffect(() => {
    if (!form.passphrase) return setScore(null);
    let live = true;
    void import('../../lib/passphrase-strength').then(
      ({ passphraseScore }) =>
        live && setScore(passphraseScore(form.passphrase, [account.username, account.displayName, 'tasleem'])),
    );
    return () => void (live = false);
  }, [form.passphrase, account.username, account.displayName]);

  async function save() {
    setSaved(false);
    if (form.passphrase.length < RECOVERY_PASSPHRASE.minLength) return setErrors({ passphrase: 'passphrase_short' });
    if (score !== null && score < RECOVERY_PASSPHRASE.minScore) return setErrors({ passphrase: 'passphrase_weak' });
    if (form.passphrase !== form.repeat) return setErrors({ repeat: 'passphrases_differ' });
    const r = await call('keys:setRecovery', { passphrase: form.passphrase, password: form.password });
    if (!r.ok) return setErrors(issuesByPath(r.error.details?.issues ?? [{ path: 'passphrase', key: r.error.code }]));
    setErrors({});
    setForm({ passphrase: '', repeat: '', password: '' });
    setSaved(true);
    await queryClient.invalidateQueries({ queryKey: ['keys:recovery'] });
  }

  const field = (k: keyof typeof form, label: string, description?: string) => (
    <PasswordInput
      label={label}
      description={description}
      value={form[k]}
      onChange={(e) => {
        setForm({ ...form, [k]: e.currentTarget.value });
        if (errors[k]) setErrors({ ...errors, [k]: '' });
      }}
      error={errors[k] && t(`validation.${errors[k]}`, { defaultValue: t(`errors.${errors[k]}`) })}
      autoComplete={k === 'password' ? 'current-password' : 'new-password'}
      data-testid={`recovery-${k}`}
    />
  );
  const set = status.data?.set;
  return (
    <Section title={t('recoveryPassphrase.title')} testId="recovery-section">
      <Stack>
        {status.data && (
          <Alert color={set ? 'teal' : 'orange'} data-testid="recovery-status" data-set={String(!!set)}>
            {set ? t('recoveryPassphrase.isSet') : t('recoveryPassphrase.notSet')}
          </Alert>
        )}
        {saved && (
          <Alert color="teal" data-testid="recovery-saved">
            {t('recoveryPassphrase.saved')}
          </Alert>
        )}
        <Text size="sm">{t('recoveryPassphrase.guidance', { min: RECOVERY_PASSPHRASE.minLength })}</Text>
        {field('passphrase', set ? t('recoveryPassphrase.newPassphrase') : t('recoveryPassphrase.passphrase'))}
        {score !== null && (
          <Group gap="sm" wrap="nowrap" data-testid="recovery-strength" data-score={score}>
            <Progress value={(score + 1) * 20} color={COLORS[score]} style={{ flex: 1 }} aria-hidden />
            <Text size="sm" c={COLORS[score]} miw={160}>
              {t(`recoveryPassphrase.strength.${score}`)}
            </Text>
          </Group>
        )}
        {field('repeat', t('recoveryPassphrase.repeat'))}
        {field('password', t('recoveryPassphrase.yourPassword'), t('recoveryPassphrase.yourPasswordHint'))}
        <Group>
          <Button onClick={() => void save()} data-testid="recovery-save">
            {set ? t('recoveryPassphrase.change') : t('recoveryPassphrase.set')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('recoveryPassphrase.howToUse')}
        </Text>
      </Stack>
    </Section>
  );
}
