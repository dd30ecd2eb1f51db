import { Badge, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callOrThrow } from '../../api/client';
import { formatDateTime, formatNumber } from '../../lib/format';
import { fieldText, versionDiff } from '../../lib/version-diff';
import { HeadedTable } from '../HeadedTable';
import { Section } from '../Section';

/** Every frozen version, and a readable field-by-field comparison of any two of them. */
export function VersionHistory({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const versions = useQuery({
    queryKey: ['handover', id, 'versions'],
    queryFn: () => callOrThrow('handovers:versions', { id }),
  });
  const history = useQuery({
    queryKey: ['handover', id, 'history'],
    queryFn: () => callOrThrow('handovers:history', { id }),
  });
  const list = versions.data ?? [];
  const [pair, setPair] = useState<[string | null, string | null]>([null, null]);
  const from = pair[0] ?? (list.length > 1 ? String(list[list.length - 2].version) : null);
  const to = pair[1] ?? (list.length > 0 ? String(list[list.length - 1].version) : null);
  const a = list.find((v) => String(v.version) === from);
  const b = list.find((v) => String(v.version) === to);
  const diff = a && b ? versionDiff(a.content, b.content) : [];
  const options = list.map((v) => ({
    value: String(v.version),
    label: t('detail.versionLabel', { n: formatNumber(v.version, i18n.language) }),
  }));

  return (
    <Section title={t('detail.versions')}>
      {list.length === 0 && <Text c="dimmed">{t('detail.noVersions')}</Text>}
      <Stack gap={4} mb="sm">
        {list.map((v) => (
          <Group key={v.version} gap="xs" data-testid={`version-${v.version}`}>
            <Badge variant="outline">{t('detail.versionLabel', { n: formatNumber(v.version, i18n.language) })}</Badge>
            <Text size="sm">
              {[formatDateTime(v.createdAt, i18n.language), v.createdBy].join(t('common.listSeparator'))}
            </Text>
            {v.reason && (
              <Text size="sm" fs="italic">
                “{v.reason}”
              </Text>
            )}
          </Group>
        ))}
      </Stack>
      {list.length > 1 && (
        <>
          <Group>
            <Select
              label={t('detail.compareFrom')}
              data={options}
              value={from}
              onChange={(v) => setPair([v, to])}
              allowDeselect={false}
            />
            <Select
              label={t('detail.compareTo')}
              data={options}
              value={to}
              onChange={(v) => setPair([from, v])}
              allowDeselect={false}
            />
          </Group>
          <HeadedTable
            mt="sm"
            data-testid="version-diff"
            head={[t('detail.field'), t('detail.before'), t('detail.after')]}
          >
            {diff.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={3}>{t('detail.noDifferences')}</Table.Td>
              </Table.Tr>
            )}
            {diff.map((d) => (
              <Table.Tr key={d.field}>
                <Table.Td>{t(d.field === 'persons' ? 'detail.manifest' : `fields.${d.field}`)}</Table.Td>
                <Table.Td style={{ background: 'var(--mantine-color-red-0)' }}>
                  <span className="bidi-isolate">{fieldText(t, i18n.language, d.field, d.from)}</span>
                </Table.Td>
                <Table.Td style={{ background: 'var(--mantine-color-teal-0)' }}>
                  <span className="bidi-isolate">{fieldText(t, i18n.language, d.field, d.to)}</span>
                </Table.Td>
              </Table.Tr>
            ))}
          </HeadedTable>
        </>
      )}
      <Title order={5} mt="md" mb="xs">
        {t('detail.audit')}
      </Title>
      <Stack gap={2} data-testid="audit-trail">
        {(history.data ?? []).map((h) => (
          <Text key={h.id} size="sm">
            {[formatDateTime(h.at, i18n.language), h.actor, t(`audit.${h.action}`, { defaultValue: h.action })].join(
              t('common.listSeparator'),
            )}
          </Text>
        ))}
      </Stack>
    </Section>
  );
}
