import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Image,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { intlLocale } from '../../i18n';
import type { OutputOf } from '../../../../electron/api/contract';
import type { SignerRole } from '../../../../electron/api/schemas/report';
import { call, callOrThrow, heldFileUrl, saveHeldFile } from '../../api/client';
import { explainError } from '../../lib/errors';
import { SignatureDialog } from './SignatureDialog';
import { useCan } from '../../auth/account';
import { HeadedTable } from '../HeadedTable';

type Handover = OutputOf<'handovers:get'>;

type Exported = OutputOf<'report:export'>;

/**
 * Handwritten signatures of one handover, and the export of its report (signed once finalized, DRAFT before). The
 * preview is the exported PDF itself, served by the app under its id: the bytes shown are the bytes saved.
 */
export function ReportPanel({ handover }: { handover: Handover }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['report-status', handover.id, handover.revision, handover.status];
  const status = useQuery({ queryKey: key, queryFn: () => callOrThrow('report:status', { handoverId: handover.id }) });
  const [signing, setSigning] = useState<SignerRole | null>(null);
  const [language, setLanguage] = useState<'ar' | 'ku'>(i18n.language === 'ku' ? 'ku' : 'ar');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ color: string; text: string } | null>(null);
  const [pdf, setPdf] = useState<Exported | null>(null);
  const s = status.data;
  const maySign = useCan('report:sign');
  const editable = handover.status !== 'void' && maySign;
  const mayExport = useCan('report:export');
  const mayAmend = useCan('handovers:amend');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['report-status', handover.id] });

  async function exportPdf() {
    setBusy(true);
    setMessage(null);
    const r = await call('report:export', { handoverId: handover.id, language });
    setBusy(false);
    if (!r.ok) return setMessage({ color: 'red', text: explainError(t, r.error, i18n.language) });
    setPdf(r.value);
    await save(r.value);
    setMessage({
      color: r.value.signed ? 'teal' : 'yellow',
      text: t(r.value.signed ? 'report.exported.signed' : 'report.exported.draft', { file: r.value.fileName }),
    });
  }

  async function save(file: Exported) {
    const saved = await saveHeldFile(file);
    if (!saved.ok) setMessage({ color: 'red', text: t(`errors.${saved.error.code}`) });
  }

  async function remove(id: string) {
    const r = await call('report:removeSignature', { id });
    if (!r.ok) setMessage({ color: 'red', text: t(`errors.${r.error.code}`) });
    await refresh();
  }

  const hasRole = (role: SignerRole) => s?.signatures.some((x) => x.role === role);
  const canSign = (role: SignerRole) =>
    editable && (handover.status === 'draft' || role === 'witness' || !hasRole(role));
  const defaults: Record<SignerRole, [string, string]> = {
    handing_official: [handover.handingOfficialName, handover.handingOfficialTitle],
    delegation_head: [handover.delegationHeadName, handover.delegationHeadTitle],
    witness: ['', ''],
  };

  return (
    <Paper withBorder p="md" data-testid="report-panel">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('report.title')}</Title>
        {s && (
          <Badge
            color={s.willBeSigned ? 'teal' : handover.status === 'void' ? 'gray' : 'yellow'}
            data-testid="report-state"
          >
            {t(
              s.willBeSigned
                ? 'report.state.signed'
                : handover.status === 'void'
                  ? 'report.state.void'
                  : 'report.state.draft',
            )}
          </Badge>
        )}
      </Group>
      {status.isError && <Alert color="red">{t('errors.INTERNAL')}</Alert>}
      {s && s.missingFields.length > 0 && (
        <Alert color="orange" data-testid="report-incomplete">
          <Text size="sm">
            {t('report.incompleteReport', {
              fields: new Intl.ListFormat(intlLocale(i18n.language)).format(
                s.missingFields.map((k) => t(`fields.${k}`)),
              ),
            })}
          </Text>
          {handover.status !== 'void' && mayAmend && (
            <Button
              component={Link}
              to={`/handovers/${handover.id}/${handover.status === 'draft' ? 'edit' : 'amend'}`}
              size="xs"
              mt="xs"
              data-testid="complete-record"
            >
              {t(handover.status === 'draft' ? 'report.editToComplete' : 'report.amendToComplete')}
            </Button>
          )}
        </Alert>
      )}
      {s && (
        <Stack gap="sm">
          {s.requiredRoles.length > 0 && (
            <Text size="sm" c={s.missingRoles.length ? 'orange' : 'teal'} data-testid="required-signatures">
              {s.missingRoles.length
                ? t('report.missing', { roles: s.missingRoles.map((r) => t(`report.roles.${r}`)).join('، ') })
                : t('report.allRequired')}
            </Text>
          )}
          {s.signatures.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('report.noSignatures')}
            </Text>
          ) : (
            <HeadedTable
              data-testid="signature-list"
              head={[
                t('report.columns.role'),
                t('report.columns.name'),
                t('report.columns.signature'),
                t('report.columns.time'),
                null,
              ]}
            >
              {s.signatures.map((x) => (
                <Table.Tr key={x.id} data-role={x.role}>
                  <Table.Td>{t(`report.roles.${x.role}`)}</Table.Td>
                  <Table.Td>
                    <bdi>{x.signerName}</bdi>
                    {x.signerTitle && (
                      <Text size="xs" c="dimmed">
                        <bdi>{x.signerTitle}</bdi>
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Image src={x.imageDataUrl} alt={t('report.columns.signature')} h={40} w="auto" fit="contain" />
                  </Table.Td>
                  <Table.Td>
                    <bdi>
                      {new Date(x.signedAt).toLocaleString(i18n.language === 'ar' ? 'ar-SY-u-nu-latn' : 'en-GB')}
                    </bdi>
                  </Table.Td>
                  <Table.Td>
                    {handover.status === 'draft' && editable && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('report.remove')}
                        title={t('report.remove')}
                        onClick={() => void remove(x.id)}
                      >
                        ×
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </HeadedTable>
          )}
          {editable && (
            <Group gap="xs">
              {(['handing_official', 'delegation_head', 'witness'] as const).map((role) => (
                <Button
                  key={role}
                  size="xs"
                  variant="light"
                  disabled={!canSign(role)}
                  onClick={() => setSigning(role)}
                  data-testid={`sign-${role}`}
                >
                  {t(role === 'witness' ? 'report.addWitness' : 'report.signAs', { role: t(`report.roles.${role}`) })}
                </Button>
              ))}
            </Group>
          )}
          <Group gap="sm" align="end">
            <SegmentedControl
              size="xs"
              value={language}
              onChange={(v) => setLanguage(v as 'ar' | 'ku')}
              data={[
                { value: 'ar', label: t('report.languages.ar') },
                { value: 'ku', label: t('report.languages.ku') },
              ]}
              aria-label={t('report.language')}
            />
            {mayExport && (
              <Button onClick={() => void exportPdf()} loading={busy} data-testid="export-pdf">
                {t('report.export')}
              </Button>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t(s.willBeSigned ? 'report.hint.signed' : 'report.hint.draft')}
          </Text>
          {message && (
            <Alert color={message.color} data-testid="report-message">
              {message.text}
            </Alert>
          )}
          {pdf && (
            <Stack gap="xs" data-testid="report-preview-box">
              <Group justify="space-between">
                <Text size="sm" fw={500}>
                  {t('report.preview')} · <bdi>{pdf.fileName}</bdi>
                </Text>
                <Button size="xs" variant="light" onClick={() => void save(pdf)} data-testid="save-pdf">
                  {t('report.save')}
                </Button>
              </Group>
              <iframe
                key={pdf.fileId}
                src={heldFileUrl(pdf.fileId)}
                title={t('report.preview')}
                data-testid="report-preview"
                data-sha256={pdf.sha256}
                style={{ width: '100%', height: 720, border: '1px solid var(--mantine-color-gray-4)' }}
              />
            </Stack>
          )}
        </Stack>
      )}
      {signing && (
        <SignatureDialog
          handoverId={handover.id}
          role={signing}
          defaultName={defaults[signing][0]}
          defaultTitle={defaults[signing][1]}
          onClose={(signed) => {
            setSigning(null);
            if (signed) void refresh();
          }}
        />
      )}
    </Paper>
  );
}
