import { Alert, Button, Group, NumberInput, SimpleGrid, Stack, Table, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Settings } from '../../../electron/api/schemas/settings';
import { call, callOrThrow } from '../api/client';
import { issuesByPath } from '../lib/validation';
import { ReportSettings } from '../components/report/ReportSettings';
import { CountryAliases } from '../components/countries/CountryAliases';
import { RecoveryPassphrase } from '../components/settings/RecoveryPassphrase';
import { TrustedOffices } from '../components/settings/TrustedOffices';
import { BackupsSection } from '../components/backup/BackupsSection';
import { useCan } from '../auth/account';
import { Section } from '../components/Section';

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => callOrThrow('settings:get', {}) });
  const info = useQuery({ queryKey: ['info'], queryFn: () => callOrThrow('app:info', {}) });
  const mayKeys = useCan('keys:setRecovery');
  const mayTrust = useCan('signing:trustCa');
  const canBackup = useCan('backup:list');
  return (
    <Stack maw={900}>
      <Group justify="space-between">
        <Title order={2}>{t('settings.title')}</Title>
        <Button component={Link} to="/settings/audit" variant="light" data-testid="open-audit">
          {t('auditLog.title')}
        </Button>
      </Group>
      {settings.data && <SettingsForm initial={settings.data} />}
      {mayKeys && <RecoveryPassphrase />}
      <ReportSettings />
      <CountryAliases />
      {mayTrust && <TrustedOffices />}
      {canBackup && <BackupsSection />}
      {info.data && (
        <Section title={t('settings.about')}>
          <Table>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th>{t('settings.version')}</Table.Th>
                <Table.Td>{info.data.version}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('settings.schemaVersion')}</Table.Th>
                <Table.Td>{info.data.schemaVersion}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('settings.dataDir')}</Table.Th>
                <Table.Td dir="ltr">{info.data.dataDir}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Section>
      )}
    </Stack>
  );
}

const GENERAL_KEYS = [
  'handingAuthority',
  'handingOfficialName',
  'handingOfficialTitle',
  'defaultLocation',
  'referencePrefix',
  'attachmentMaxMb',
  'idleLockMinutes',
] as const;

function SettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [s, setS] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<'idle' | 'saved' | 'error'>('idle');
  const text = (
    key: 'handingAuthority' | 'handingOfficialName' | 'handingOfficialTitle' | 'defaultLocation' | 'referencePrefix',
    label: string,
  ) => (
    <TextInput
      label={label}
      value={s[key]}
      onChange={(e) => setS({ ...s, [key]: e.currentTarget.value })}
      error={errors[key] && t(`validation.${errors[key]}`)}
      name={key}
    />
  );
  const whole = (key: 'attachmentMaxMb' | 'idleLockMinutes', label: string, max: number, testId?: string) => (
    <NumberInput
      label={label}
      min={1}
      max={max}
      allowDecimal={false}
      value={s[key]}
      onChange={(v) => setS({ ...s, [key]: typeof v === 'number' ? v : Number(v) })}
      error={errors[key] && t(`validation.${errors[key]}`)}
      data-testid={testId}
    />
  );
  async function save() {
    // Only this form's own keys: other panels save theirs, and a stale copy here must not overwrite them.
    const patch = Object.fromEntries(GENERAL_KEYS.map((k) => [k, s[k]]));
    const r = await call('settings:set', { patch });
    if (!r.ok) {
      setErrors(
        issuesByPath(r.error.details?.issues?.map((i) => ({ ...i, path: i.path.replace(/^patch\./, '') })) ?? []),
      );
      setStatus('error');
      return;
    }
    setErrors({});
    setStatus('saved');
    await queryClient.invalidateQueries({ queryKey: ['settings'] });
  }
  return (
    <Section title={t('settings.defaults')}>
      {status === 'saved' && (
        <Alert color="teal" mb="sm">
          {t('common.saved')}
        </Alert>
      )}
      {status === 'error' && (
        <Alert color="red" mb="sm">
          {t('errors.VALIDATION')}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {text('handingAuthority', t('fields.handingAuthority'))}
        {text('handingOfficialName', t('fields.handingOfficialName'))}
        {text('handingOfficialTitle', t('fields.handingOfficialTitle'))}
        {text('defaultLocation', t('fields.location'))}
        {text('referencePrefix', t('settings.referencePrefix'))}
        {whole('attachmentMaxMb', t('settings.attachmentMaxMb'), 200)}
        {whole('idleLockMinutes', t('auth.idleLockMinutes'), 240, 'idle-lock-minutes')}
      </SimpleGrid>
      <Button mt="md" onClick={() => void save()} data-testid="save-settings">
        {t('common.save')}
      </Button>
    </Section>
  );
}
