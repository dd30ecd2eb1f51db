import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../electron/api/result';
import type { ImportReportOut } from '../../../../electron/api/schemas/io';
import { call } from '../../api/client';
import { countryName } from '../../lib/countries';
import { explainError } from '../../lib/errors';
import { formatNumber } from '../../lib/format';
import { ALIASES_KEY } from '../countries/CountryAliases';
import { CountrySelect, Flag } from '../CountrySelect';
import { HeadedTable } from '../HeadedTable';

interface Unknown {
  value: string;
  rows: number;
  suggestions: string[];
}

/** The distinct country cells the last check could not read, with the rows each stopped and the closest countries. */
function unknownCountries(report: ImportReportOut): Unknown[] {
  const by = new Map<string, Unknown>();
  for (const row of report.rows) {
    for (const r of row.reasons) {
      if (r.key !== 'validation.unknown_country' || !r.value) continue;
      const u = by.get(r.value) ?? { value: r.value, rows: 0, suggestions: r.suggestions ?? [] };
      u.rows++;
      by.set(r.value, u);
    }
  }
  return [...by.values()];
}

/**
 * The mapping step for countries: each name the sheet uses that matches no country is assigned once, by the user,
 * and remembered as this office's alias (Settings lists them); the file is then checked again with them.
 */
export function UnknownCountries({ report, onRemembered }: { report: ImportReportOut; onRemembered(): void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const unknown = useMemo(() => unknownCountries(report), [report]);
  const [chosen, setChosen] = useState<Record<string, string | null>>({});
  const [error, setError] = useState<ApiError | null>(null);
  if (unknown.length === 0) return null;
  const picked = unknown.filter((u) => chosen[u.value]).map((u) => ({ name: u.value, code: chosen[u.value]! }));

  const remember = async () => {
    const r = await call('countries:addAliases', { aliases: picked });
    setError(r.ok ? null : r.error);
    if (!r.ok) return;
    await queryClient.invalidateQueries({ queryKey: ALIASES_KEY });
    onRemembered();
  };

  return (
    <Paper withBorder p="md" data-testid="unknown-countries">
      <Stack gap="sm">
        <Title order={4}>{t('history.unknown.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('history.unknown.intro')}
        </Text>
        {error && <Alert color="red">{explainError(t, error)}</Alert>}
        <HeadedTable head={[t('history.unknown.written'), t('history.unknown.rows'), t('history.unknown.means')]}>
          {unknown.map((u, i) => (
            <Table.Tr key={u.value} data-testid={`unknown-country-${i}`}>
              <Table.Td>
                <bdi>{u.value}</bdi>
              </Table.Td>
              <Table.Td>{formatNumber(u.rows, i18n.language)}</Table.Td>
              <Table.Td>
                <Stack gap={4}>
                  <CountrySelect
                    value={chosen[u.value] ?? null}
                    onChange={(code) => setChosen({ ...chosen, [u.value]: code })}
                    aria-label={t('history.unknown.means')}
                    data-testid={`unknown-country-select-${i}`}
                    clearable
                  />
                  {u.suggestions.length > 0 && (
                    <Group gap={4}>
                      <Text size="xs">{t('history.unknown.suggested')}</Text>
                      {u.suggestions.map((code) => (
                        <Button
                          key={code}
                          size="compact-xs"
                          variant={chosen[u.value] === code ? 'filled' : 'light'}
                          leftSection={<Flag code={code} />}
                          onClick={() => setChosen({ ...chosen, [u.value]: code })}
                          data-testid={`suggestion-${i}-${code}`}
                        >
                          {countryName(code, i18n.language)}
                        </Button>
                      ))}
                    </Group>
                  )}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </HeadedTable>
        <Group>
          <Button disabled={picked.length === 0} onClick={() => void remember()} data-testid="remember-countries">
            {t('history.unknown.remember', { count: picked.length })}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
