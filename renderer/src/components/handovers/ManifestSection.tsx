import { Alert, Badge, Button, Group, Paper, Switch, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Handover } from '../../../../electron/api/schemas/handover';
import type { Person } from '../../../../electron/api/schemas/person';
import { callOrThrow } from '../../api/client';
import { formatNumber } from '../../lib/format';
import { ManifestEditor } from './ManifestEditor';
import { useCan } from '../../auth/account';
import { HeadedTable } from '../HeadedTable';

/** Names of the persons handed over are masked until someone asks to see them: screens in shared offices are seen by many. */
export const maskName = (name: string) =>
  name ? `${[...name][0]}${'•'.repeat(Math.min(6, Math.max(2, [...name].length - 1)))}` : '';

export function ManifestSection({ handover }: { handover: Handover }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [reveal, setReveal] = useState(false);
  const [editing, setEditing] = useState(false);
  const mayEdit = useCan('handovers:setManifest');
  const persons = useQuery({
    queryKey: ['handover', handover.id, 'manifest'],
    queryFn: () => callOrThrow('handovers:manifest', { id: handover.id }),
  });
  const list = persons.data ?? [];
  const byId = new Map(list.map((p) => [p.id, p]));
  const name = (p: Person | undefined) =>
    p
      ? reveal
        ? [p.fullNameAr, p.fullNameLatin].filter(Boolean).join(' / ')
        : [p.fullNameAr, p.fullNameLatin].filter(Boolean).map(maskName).join(' / ')
      : '';

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>
          {t('detail.manifest')}{' '}
          {list.length > 0 && <Badge variant="light">{formatNumber(list.length, i18n.language)}</Badge>}
        </Title>
        <Group>
          {list.length > 0 && (
            <Switch
              label={t('detail.showNames')}
              checked={reveal}
              onChange={(e) => setReveal(e.currentTarget.checked)}
              data-testid="reveal-names"
            />
          )}
          {handover.status === 'draft' && mayEdit && (
            <Button variant="light" onClick={() => setEditing(true)} data-testid="edit-manifest">
              {t('detail.editManifest')}
            </Button>
          )}
        </Group>
      </Group>
      {list.length === 0 && <Text c="dimmed">{t('detail.noManifest')}</Text>}
      {list.length > 0 && (
        <HeadedTable
          striped
          data-testid="manifest-table"
          head={[
            '#',
            t('person.name'),
            t('person.category'),
            t('person.sex'),
            t('person.birthYear'),
            t('person.mother'),
            t('person.flags'),
          ]}
        >
          {list.map((p, i) => (
            <Table.Tr key={p.id}>
              <Table.Td>{formatNumber(i + 1, i18n.language)}</Table.Td>
              <Table.Td>
                <span className="bidi-isolate">{name(p)}</span>
              </Table.Td>
              <Table.Td>{t(`person.categories.${p.category}`)}</Table.Td>
              <Table.Td>{t(`person.sexes.${p.sex}`)}</Table.Td>
              <Table.Td>{p.birthDate ?? (p.birthYear ? String(p.birthYear) : t('common.none'))}</Table.Td>
              <Table.Td>
                <span className="bidi-isolate">{name(p.motherId ? byId.get(p.motherId) : undefined)}</span>
              </Table.Td>
              <Table.Td>
                {p.unaccompanied && (
                  <Badge color="orange" variant="light" me={4}>
                    {t('person.unaccompanied')}
                  </Badge>
                )}
                {p.unaccompanied && (
                  <Badge color={p.consentRecorded ? 'teal' : 'red'} variant="light">
                    {p.consentRecorded ? t('person.consentRecorded') : t('person.noConsent')}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </HeadedTable>
      )}
      {list.some((p) => p.unaccompanied && !p.consentRecorded) && (
        <Alert color="orange" mt="sm">
          {t('detail.consentMissing')}
        </Alert>
      )}
      {editing && (
        <ManifestEditor
          handover={handover}
          initial={list}
          onClose={() => setEditing(false)}
          onSaved={async () => {
            setEditing(false);
            await queryClient.invalidateQueries();
          }}
        />
      )}
    </Paper>
  );
}
