import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { callOrThrow } from '../api/client';
import { Flag } from '../components/CountrySelect';
import { AttachmentsSection } from '../components/handovers/AttachmentsSection';
import { statusColor } from '../components/handovers/HandoverTable';
import { LifecycleActions } from '../components/handovers/LifecycleActions';
import { ManifestSection } from '../components/handovers/ManifestSection';
import { ReportPanel } from '../components/report/ReportPanel';
import { VersionHistory } from '../components/handovers/VersionHistory';
import { campRecorded, missingProtocolFields } from '../../../electron/api/domain/handover';
import { NotRecorded } from '../components/handovers/NotRecorded';
import { intlLocale } from '../i18n';
import { formatDate, formatNumber } from '../lib/format';
import { fieldText } from '../lib/version-diff';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text className="bidi-isolate">{children}</Text>
    </div>
  );
}

export function HandoverDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const q = useQuery({ queryKey: ['handover', id], queryFn: () => callOrThrow('handovers:get', { id }) });
  if (q.isError)
    return (
      <Alert color="red">
        {t('errors.NOT_FOUND')} <Link to="/handovers">{t('common.back')}</Link>
      </Alert>
    );
  const h = q.data;
  if (!h) return <Text>{t('common.loading')}</Text>;
  const f = (field: keyof typeof h) => fieldText(t, lng, field, h[field]);
  const persons = h.womenCount + h.childrenCount + h.menCount;
  const missing = missingProtocolFields(h);
  /** A party's name as recorded, with its form in the other script beside it; an unnamed party says so. */
  const party = (name: string, latin: string | null, title: string) =>
    name ? (
      <>
        {name}
        {latin ? ` (${latin})` : ''}
        {title ? ` — ${title}` : ''}
      </>
    ) : (
      <NotRecorded />
    );

  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Group>
          <Title order={2}>
            <span dir="ltr" className="bidi-isolate">
              {h.referenceNo}
            </span>
          </Title>
          <Badge size="lg" variant="light" color={statusColor(h.status)} data-testid="status">
            {t(`status.${h.status}`)}
          </Badge>
          {h.source !== 'app' && (
            <Badge variant="dot" color="grape" data-testid="source">
              {t(`detail.source.${h.source}`)}
            </Badge>
          )}
          {h.version > 1 && (
            <Badge variant="outline">{t('detail.versionLabel', { n: formatNumber(h.version, lng) })}</Badge>
          )}
        </Group>
        <LifecycleActions handover={h} />
      </Group>
      {h.status === 'void' && (
        <Alert color="gray" data-testid="void-banner">
          {t('detail.voidedBecause', { reason: h.voidReason ?? '' })}
        </Alert>
      )}
      {missing.length > 0 && (
        <Alert color="orange" data-testid="incomplete-banner">
          {t('completeness.banner', {
            fields: new Intl.ListFormat(intlLocale(lng)).format(missing.map((k) => t(`fields.${k}`))),
          })}
        </Alert>
      )}
      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Field label={t('fields.handoverDate')}>
            <span data-testid="detail-date">{formatDate(h.handoverDate, lng, h.datePrecision)}</span>
          </Field>
          <Field label={t('fields.location')}>{f('location')}</Field>
          <Field label={t('fields.camp')}>
            {!campRecorded(h) ? <NotRecorded /> : h.camp === 'other' ? h.campOther : f('camp')}
          </Field>
          <Field label={t('fields.receivingCountry')}>
            <Flag code={h.receivingCountry} /> {f('receivingCountry')}
          </Field>
          <Field label={t('fields.delegationHeadName')}>
            {party(h.delegationHeadName, h.delegationHeadNameLatin, h.delegationHeadTitle)}
          </Field>
          <Field label={t('fields.delegationBody')}>{f('delegationBody')}</Field>
          <Field label={t('fields.delegationMembers')}>{f('delegationMembers')}</Field>
          <Field label={t('fields.handingAuthority')}>{h.handingAuthority || <NotRecorded />}</Field>
          <Field label={t('fields.handingOfficialName')}>
            {party(h.handingOfficialName, h.handingOfficialNameLatin, h.handingOfficialTitle)}
          </Field>
          <Field label={t('fields.documentLanguages')}>
            {h.documentLanguages.map((l) => t(`docLang.${l}`)).join('، ')}
          </Field>
        </SimpleGrid>
      </Paper>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('form.sectionPersons')}</Title>
          <Text fw={700} data-testid="detail-total">
            {t('form.totalPersons', { count: persons, n: formatNumber(persons, lng) })}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 6 }}>
          {(['womenCount', 'childrenCount', 'boysCount', 'girlsCount', 'unaccompaniedCount', 'menCount'] as const).map(
            (k) => (
              <Field key={k} label={t(`fields.${k}`)}>
                {f(k)}
              </Field>
            ),
          )}
        </SimpleGrid>
      </Paper>
      {(h.sourceNote || h.sourceFile) && (
        <Paper withBorder p="md" data-testid="provenance">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {h.sourceNote && <Field label={t('fields.sourceNote')}>{h.sourceNote}</Field>}
            {h.sourceFile && (
              <Field label={t('detail.sourceFile')}>
                {t('detail.sourceFileRow', { file: h.sourceFile, row: formatNumber(h.sourceRow ?? 0, lng) })}
              </Field>
            )}
          </SimpleGrid>
        </Paper>
      )}
      {h.notes && (
        <Paper withBorder p="md">
          <Field label={t('fields.notes')}>{h.notes}</Field>
        </Paper>
      )}
      <ManifestSection handover={h} />
      <AttachmentsSection handover={h} />
      <ReportPanel handover={h} />
      <VersionHistory id={h.id} />
    </Stack>
  );
}
