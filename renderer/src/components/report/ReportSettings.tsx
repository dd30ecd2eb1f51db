import {
  Alert,
  Button,
  Checkbox,
  Group,
  Image,
  Paper,
  PasswordInput,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clause } from '../../../../electron/api/schemas/report';
import type { Settings } from '../../../../electron/api/schemas/settings';
import type { ApiError, Result } from '../../../../electron/api/result';
import { call, callOrThrow, saveHeldFile } from '../../api/client';
import type { ChosenFile } from '../../../../electron/api/schemas/files';
import { FilePicker } from '../FilePicker';

type ReportKeys =
  | 'reportAuthorityAr'
  | 'reportAuthorityEn'
  | 'reportAuthorityKu'
  | 'reportLogo'
  | 'reportLanguage'
  | 'requiredSigners'
  | 'reportClauses';

/** Report settings (authority, logo, languages, required signers, clauses) and the organization's signing identity. */
export function ReportSettings() {
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => callOrThrow('settings:get', {}) });
  return settings.data ? <ReportSettingsForm initial={settings.data} /> : null;
}

function ReportSettingsForm({ initial }: { initial: Settings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [s, setS] = useState<Pick<Settings, ReportKeys>>(initial);
  const [msg, setMsg] = useState<{ color: string; text: string } | null>(null);
  const set = <K extends ReportKeys>(k: K, v: Settings[K]) => setS({ ...s, [k]: v });
  const setClause = (i: number, lang: keyof Clause, v: string) =>
    set(
      'reportClauses',
      s.reportClauses.map((c, j) => (j === i ? { ...c, [lang]: v } : c)),
    );

  async function save() {
    const { reportAuthorityAr, reportAuthorityEn, reportAuthorityKu, reportLanguage, requiredSigners, reportClauses } =
      s;
    const r = await call('settings:set', {
      patch: {
        reportAuthorityAr,
        reportAuthorityEn,
        reportAuthorityKu,
        reportLanguage,
        requiredSigners,
        reportClauses,
      },
    });
    setMsg(r.ok ? { color: 'teal', text: t('common.saved') } : { color: 'red', text: t(`errors.${r.error.code}`) });
    if (r.ok) await queryClient.invalidateQueries({ queryKey: ['settings'] });
  }

  // A logo too large or not an image gets the rule it broke rather than the general error.
  const logoError = (e: ApiError) =>
    setMsg({
      color: 'red',
      text: e.code === 'TOO_LARGE' || e.code === 'BAD_FILE' ? t('report.settings.logoRule') : t(`errors.${e.code}`),
    });
  // The logo is saved as soon as it is chosen or removed: it is a file, not a field of the form's patch.
  async function saveLogo(saving: Promise<Result<Settings>>) {
    const r = await saving;
    if (!r.ok) return logoError(r.error);
    setMsg({ color: 'teal', text: t('common.saved') });
    set('reportLogo', r.value.reportLogo);
    await queryClient.invalidateQueries({ queryKey: ['settings'] });
  }

  return (
    <Paper withBorder p="md" data-testid="report-settings">
      <Title order={4} mb="sm">
        {t('report.settings.title')}
      </Title>
      <Stack>
        <TextInput
          label={t('report.settings.authorityAr')}
          dir="rtl"
          value={s.reportAuthorityAr}
          onChange={(e) => set('reportAuthorityAr', e.currentTarget.value)}
        />
        <TextInput
          label={t('report.settings.authorityEn')}
          dir="ltr"
          value={s.reportAuthorityEn}
          onChange={(e) => set('reportAuthorityEn', e.currentTarget.value)}
        />
        <TextInput
          label={t('report.settings.authorityKu')}
          dir="ltr"
          value={s.reportAuthorityKu}
          onChange={(e) => set('reportAuthorityKu', e.currentTarget.value)}
        />
        <Group>
          {s.reportLogo && <Image src={s.reportLogo} h={48} w="auto" alt={t('report.settings.logo')} />}
          <FilePicker
            kind="reportLogo"
            testId="report-logo-file"
            showName={false}
            button={(props) => (
              <Button variant="light" size="xs" {...props}>
                {t('report.settings.logo')}
              </Button>
            )}
            onChosen={(f) => void saveLogo(call('settings:setLogo', { fileId: f.fileId }))}
            onError={logoError}
          />
          {s.reportLogo && (
            <Button
              variant="subtle"
              size="xs"
              color="red"
              data-testid="report-logo-remove"
              onClick={() => void saveLogo(call('settings:set', { patch: { reportLogo: '' } }))}
            >
              {t('common.remove')}
            </Button>
          )}
        </Group>
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('report.language')}
          </Text>
          <SegmentedControl
            value={s.reportLanguage}
            onChange={(v) => set('reportLanguage', v as 'ar' | 'ku')}
            data={[
              { value: 'ar', label: t('report.languages.ar') },
              { value: 'ku', label: t('report.languages.ku') },
            ]}
          />
        </div>
        <Checkbox.Group
          label={t('report.settings.required')}
          description={t('report.settings.requiredHelp')}
          value={s.requiredSigners}
          onChange={(v) => set('requiredSigners', v as Settings['requiredSigners'])}
        >
          <Group mt={4}>
            <Checkbox
              value="handing_official"
              label={t('report.roles.handing_official')}
              data-testid="require-handing_official"
            />
            <Checkbox
              value="delegation_head"
              label={t('report.roles.delegation_head')}
              data-testid="require-delegation_head"
            />
          </Group>
        </Checkbox.Group>
        <Text size="sm" fw={500}>
          {t('report.settings.clauses')}
        </Text>
        {s.reportClauses.map((c, i) => (
          <Paper key={i} withBorder p="xs">
            <Stack gap={4}>
              <Textarea
                autosize
                minRows={1}
                dir="rtl"
                label={t('report.languages.arOnly')}
                value={c.ar}
                onChange={(e) => setClause(i, 'ar', e.currentTarget.value)}
              />
              <Textarea
                autosize
                minRows={1}
                dir="ltr"
                label="English"
                value={c.en}
                onChange={(e) => setClause(i, 'en', e.currentTarget.value)}
              />
              <Textarea
                autosize
                minRows={1}
                dir="ltr"
                label="Kurdî"
                value={c.ku}
                onChange={(e) => setClause(i, 'ku', e.currentTarget.value)}
              />
              <Group justify="end">
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() =>
                    set(
                      'reportClauses',
                      s.reportClauses.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t('common.remove')}
                </Button>
              </Group>
            </Stack>
          </Paper>
        ))}
        <Group>
          <Button
            size="xs"
            variant="light"
            onClick={() => set('reportClauses', [...s.reportClauses, { ar: '', en: '', ku: '' }])}
          >
            {t('report.settings.addClause')}
          </Button>
        </Group>
        {msg && <Alert color={msg.color}>{msg.text}</Alert>}
        <Group>
          <Button onClick={() => void save()} data-testid="save-report-settings">
            {t('common.save')}
          </Button>
        </Group>
        <SigningIdentity />
      </Stack>
    </Paper>
  );
}

function SigningIdentity() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const identity = useQuery({ queryKey: ['signing-identity'], queryFn: () => callOrThrow('signing:identity', {}) });
  const [p12, setP12] = useState<ChosenFile | null>(null);
  const [password, setPassword] = useState('');
  const [msg, setMsg] = useState<{ color: string; text: string } | null>(null);
  const id = identity.data;

  async function exportCa() {
    const r = await call('signing:exportCa', { format: 'pem' });
    if (!r.ok) return setMsg({ color: 'red', text: t(`errors.${r.error.code}`) });
    const saved = await saveHeldFile(r.value);
    if (!saved.ok) setMsg({ color: 'red', text: t(`errors.${saved.error.code}`) });
    await queryClient.invalidateQueries({ queryKey: ['signing-identity'] });
  }

  async function importP12() {
    if (!p12) return;
    const r = await call('signing:importP12', { fileId: p12.fileId, password });
    setMsg(
      r.ok
        ? { color: 'teal', text: t('report.settings.imported') }
        : { color: 'red', text: t(`errors.${r.error.code}`) },
    );
    if (r.ok) {
      setPassword('');
      setP12(null);
      await queryClient.invalidateQueries({ queryKey: ['signing-identity'] });
    }
  }

  return (
    <Paper withBorder p="sm" data-testid="signing-identity">
      <Title order={5} mb="xs">
        {t('report.settings.identity')}
      </Title>
      {id ? (
        <Table>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th>{t('report.settings.certificate')}</Table.Th>
              <Table.Td>
                <bdi>{id.certificate.subject}</bdi>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('report.settings.ca')}</Table.Th>
              <Table.Td>
                <bdi>{id.ca.subject}</bdi>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('report.settings.validUntil')}</Table.Th>
              <Table.Td>
                <bdi>{id.certificate.notAfter.slice(0, 10)}</bdi>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>SHA-256</Table.Th>
              <Table.Td>
                <Text size="xs" ff="monospace" dir="ltr">
                  {id.ca.fingerprint}
                </Text>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      ) : (
        <Text size="sm" c="dimmed">
          {t('report.settings.noIdentity')}
        </Text>
      )}
      <Text size="xs" c="dimmed" my="xs">
        {t('report.settings.caHelp')}
      </Text>
      <Group>
        <Button size="xs" variant="light" onClick={() => void exportCa()} data-testid="export-ca">
          {t('report.settings.exportCa')}
        </Button>
      </Group>
      <Group mt="sm" align="end">
        <FilePicker
          kind="p12"
          testId="p12-file"
          showName={false}
          button={(props) => (
            <Button size="xs" variant="default" {...props}>
              {p12 ? p12.fileName : t('report.settings.pickP12')}
            </Button>
          )}
          onChosen={setP12}
          onError={(e) => setMsg({ color: 'red', text: t(`errors.${e.code}`) })}
        />
        <PasswordInput
          size="xs"
          label={t('report.settings.p12Password')}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <Button size="xs" disabled={!p12} onClick={() => void importP12()}>
          {t('report.settings.importP12')}
        </Button>
      </Group>
      {msg && (
        <Alert mt="sm" color={msg.color}>
          {msg.text}
        </Alert>
      )}
    </Paper>
  );
}
