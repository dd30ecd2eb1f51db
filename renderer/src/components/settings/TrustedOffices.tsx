import { Alert, Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, callOrThrow } from '../../api/client';
import { FilePicker } from '../FilePicker';
import { formatDateTime } from '../../lib/format';
import type { ChosenFile } from '../../../../electron/api/schemas/files';

const grouped = (fp: string) => fp.replace(/(.{4})(?!$)/g, '$1 ');

/**
 * Settings → other offices' certificate authorities (administrators): whose signed reports verify here. The list and
 * its seal in the key store change together, only through these channels; a list edited any other way is shown as such.
 */
export function TrustedOffices() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const cas = useQuery({ queryKey: ['office-cas'], queryFn: () => callOrThrow('signing:officeCas', {}) });
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [label, setLabel] = useState('');
  const [msg, setMsg] = useState<{ color: string; text: string } | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['office-cas'] });
  async function add() {
    if (!file) return;
    const r = await call('signing:trustCa', { fileId: file.fileId, label });
    setMsg(
      r.ok
        ? { color: 'teal', text: t('trustedOffices.added', { fingerprint: grouped(r.value.fingerprint) }) }
        : { color: 'red', text: t(`errors.${r.error.code}`) },
    );
    if (r.ok) setLabel('');
    await refresh();
  }
  async function remove(fingerprint: string) {
    const r = await call('signing:untrustCa', { fingerprint });
    setMsg(r.ok ? null : { color: 'red', text: t(`errors.${r.error.code}`) });
    await refresh();
  }

  return (
    <Paper withBorder p="md" data-testid="trusted-offices">
      <Title order={4} mb="sm">
        {t('trustedOffices.title')}
      </Title>
      <Stack>
        <Text size="sm">{t('trustedOffices.intro')}</Text>
        {cas.data?.altered && (
          <Alert color="red" data-testid="trusted-offices-altered">
            {t('trustedOffices.altered')}
          </Alert>
        )}
        {msg && (
          <Alert color={msg.color} data-testid="trusted-offices-message">
            {msg.text}
          </Alert>
        )}
        {cas.data && cas.data.list.length === 0 && <Text c="dimmed">{t('trustedOffices.none')}</Text>}
        {cas.data && cas.data.list.length > 0 && (
          <Table data-testid="trusted-offices-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('trustedOffices.label')}</Table.Th>
                <Table.Th>{t('trustedOffices.fingerprint')}</Table.Th>
                <Table.Th>{t('trustedOffices.addedBy')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cas.data.list.map((c) => (
                <Table.Tr key={c.fingerprint} data-testid="trusted-office" data-sealed={String(c.sealed)}>
                  <Table.Td>
                    <Text size="sm" dir="auto">
                      {c.label}
                    </Text>
                    <Text size="xs" c="dimmed" dir="ltr">
                      {c.subject}
                    </Text>
                  </Table.Td>
                  <Table.Td dir="ltr">
                    <Text size="xs" ff="monospace">
                      {grouped(c.fingerprint)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" dir="ltr">
                      {c.addedBy}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatDateTime(c.addedAt, i18n.language)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      {!c.sealed && <Badge color="red">{t('trustedOffices.notSealed')}</Badge>}
                      <Button size="xs" variant="subtle" color="red" onClick={() => void remove(c.fingerprint)}>
                        {c.sealed ? t('trustedOffices.remove') : t('trustedOffices.discard')}
                      </Button>
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group align="flex-end">
          <FilePicker
            kind="caCertificate"
            testId="trusted-office-file"
            onChosen={setFile}
            onError={(e) => setMsg({ color: 'red', text: t(`errors.${e.code}`) })}
          />
          <TextInput
            label={t('trustedOffices.label')}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            data-testid="trusted-office-label"
          />
          <Button disabled={!file || !label.trim()} onClick={() => void add()} data-testid="trusted-office-add">
            {t('trustedOffices.add')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
