import { ActionIcon, Alert, Button, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../electron/api/result';
import { call, callOrThrow } from '../../api/client';
import { countryName } from '../../lib/countries';
import { explainError } from '../../lib/errors';
import { CountrySelect, Flag } from '../CountrySelect';

export const ALIASES_KEY = ['countries', 'aliases'];

/** Settings: the names this office uses for countries, as the import's mapping step remembered them; each removable. */
export function CountryAliases() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const aliases = useQuery({ queryKey: ALIASES_KEY, queryFn: () => callOrThrow('countries:aliases', {}) });
  const [name, setName] = useState('');
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const done = async (r: { ok: true } | { ok: false; error: ApiError }) => {
    setError(r.ok ? null : r.error);
    if (r.ok) await queryClient.invalidateQueries({ queryKey: ALIASES_KEY });
    return r.ok;
  };
  const add = async () => {
    if (!name.trim() || !code) return;
    if (await done(await call('countries:addAliases', { aliases: [{ name, code }] }))) {
      setName('');
      setCode(null);
    }
  };

  return (
    <Paper withBorder p="md" data-testid="country-aliases">
      <Title order={4}>{t('history.aliases.title')}</Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('history.aliases.intro')}
      </Text>
      <Stack gap="sm">
        {error && (
          <Alert color="red" data-testid="alias-error">
            {explainError(t, error)}
          </Alert>
        )}
        {aliases.data?.length ? (
          <Table>
            <Table.Tbody>
              {aliases.data.map((a) => (
                <Table.Tr key={a.name} data-testid="alias-row">
                  <Table.Td>
                    <bdi>{a.name}</bdi>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Flag code={a.code} />
                      <span>{countryName(a.code, i18n.language)}</span>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={t('history.aliases.remove', { name: a.name })}
                      onClick={() => void call('countries:removeAlias', { name: a.name }).then(done)}
                    >
                      ✕
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" data-testid="aliases-empty">
            {t('history.aliases.none')}
          </Text>
        )}
        <Group align="flex-end">
          <TextInput
            label={t('history.aliases.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            data-testid="alias-name"
          />
          <CountrySelect
            label={t('history.aliases.country')}
            value={code}
            onChange={setCode}
            data-testid="alias-country"
          />
          <Button onClick={() => void add()} disabled={!name.trim() || !code} data-testid="alias-add">
            {t('common.add')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
