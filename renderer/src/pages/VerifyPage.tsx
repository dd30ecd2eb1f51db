import { Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerifyResult } from '../../../electron/api/schemas/report';
import type { ApiError, Result } from '../../../electron/api/result';
import type { ChosenFile } from '../../../electron/api/schemas/files';
import { admitFile, call } from '../api/client';
import { FilePicker } from '../components/FilePicker';

/** Drop (or pick) a report PDF: is it ours, complete and unchanged, and does it match a record here? */
export function VerifyPage() {
  const { t } = useTranslation();
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [fileName, setFileName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);

  const refused = (e: ApiError) => {
    setResult(null);
    setError(t(`errors.${e.code}`));
  };
  async function check(file: ChosenFile) {
    setResult(null);
    setError(null);
    setFileName(file.fileName);
    setBusy(true);
    const r = await call('report:verify', { fileId: file.fileId, checkRecord: true });
    setBusy(false);
    if (!r.ok) return refused(r.error);
    setResult(r.value);
  }
  /** A dropped file is admitted like a picked one (browser mode uploads it; the desktop app admits its path). */
  async function dropped(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    const r: Result<ChosenFile> = await admitFile('reportPdf', file);
    setBusy(false);
    if (!r.ok) return refused(r.error);
    await check(r.value);
  }

  const row = (label: string, value: ReactNode) => (
    <Table.Tr>
      <Table.Th w="30%">{label}</Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );

  return (
    <Stack maw={900}>
      <Title order={2}>{t('report.verify.title')}</Title>
      <Paper
        withBorder
        p="xl"
        data-testid="verify-drop"
        style={{
          borderStyle: 'dashed',
          textAlign: 'center',
          background: over ? 'var(--mantine-color-blue-0)' : undefined,
        }}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          void dropped(e.dataTransfer.files[0]);
        }}
      >
        <Stack align="center" gap="xs">
          <Text>{t('report.verify.drop')}</Text>
          <FilePicker
            kind="reportPdf"
            testId="verify-file"
            showName={false}
            button={(props) => (
              <Button {...props} loading={busy || props.loading} data-testid="verify-pick">
                {t('report.verify.pick')}
              </Button>
            )}
            onChosen={(f) => void check(f)}
            onError={refused}
          />
          <Text size="xs" c="dimmed">
            {t('report.verify.explain')}
          </Text>
        </Stack>
      </Paper>
      {error && <Alert color="red">{error}</Alert>}
      {result && (
        <Paper withBorder p="md">
          <Alert
            color={result.authentic ? 'teal' : 'red'}
            title={t(result.authentic ? 'report.verify.authentic' : 'report.verify.notAuthentic')}
            data-testid="verify-verdict"
            data-authentic={String(result.authentic)}
          >
            <Text size="sm">
              <bdi>{fileName}</bdi>
            </Text>
            {result.reasons.length > 0 && (
              <ul data-testid="verify-reasons">
                {result.reasons.map((r) => (
                  <li key={r}>{t(`report.verify.reasons.${r}`)}</li>
                ))}
              </ul>
            )}
            {result.warnings.length > 0 && (
              <ul>
                {result.warnings.map((w) => (
                  <li key={w}>{t(`report.verify.warnings.${w}`)}</li>
                ))}
              </ul>
            )}
          </Alert>
          <Table mt="sm">
            <Table.Tbody>
              {row(t('report.verify.whole'), result.coversWholeDocument ? t('common.yes') : t('common.no'))}
              {row(t('report.verify.signer'), result.signer ? <bdi>{result.signer.subject}</bdi> : t('common.none'))}
              {row(t('report.verify.ca'), result.trustedBy ? <bdi>{result.trustedBy.subject}</bdi> : t('common.none'))}
              {row(
                t('report.verify.signedAt'),
                result.signedAt ? <bdi>{result.signedAt.replace('T', ' ').slice(0, 16)} UTC</bdi> : t('common.none'),
              )}
              {row(
                t('report.verify.reference'),
                result.referenceNo ? (
                  <bdi>
                    {result.referenceNo}
                    {result.version ? ` (v${result.version})` : ''}
                  </bdi>
                ) : (
                  t('common.none')
                ),
              )}
              {row(
                t('report.verify.hash'),
                result.contentHash ? (
                  <Text size="xs" ff="monospace" dir="ltr">
                    {result.contentHash}
                  </Text>
                ) : (
                  t('common.none')
                ),
              )}
              {row(
                t('report.verify.record'),
                !result.record.checked
                  ? t('report.verify.recordNotChecked')
                  : result.record.found
                    ? t(result.record.matches ? 'report.verify.recordMatches' : 'report.verify.recordDiffers', {
                        status: result.record.status,
                      })
                    : t('report.verify.recordMissing'),
              )}
            </Table.Tbody>
          </Table>
          {result.record.handoverId && (
            <Group mt="sm">
              <Button component="a" href={`#/handovers/${result.record.handoverId}`} variant="light" size="xs">
                {t('report.verify.open')}
              </Button>
            </Group>
          )}
        </Paper>
      )}
    </Stack>
  );
}
