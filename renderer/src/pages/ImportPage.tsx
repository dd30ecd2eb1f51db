import { Alert, Button, Checkbox, Group, Paper, Progress, Radio, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../electron/api/result';
import type { ChosenFile } from '../../../electron/api/schemas/files';
import type { ImportReportOut, InspectResult, JobProgress } from '../../../electron/api/schemas/io';
import { call, eventsReady, onEvent } from '../api/client';
import { ExchangePanel } from '../components/import/ExchangePanel';
import { FilePicker } from '../components/FilePicker';
import { MappingStep, PreviewTable, type Mapping } from '../components/import/MappingStep';
import { ReportView } from '../components/import/ReportView';
import { UnknownCountries } from '../components/import/UnknownCountries';
import { explainError } from '../lib/errors';
import { formatNumber } from '../lib/format';

type DateOrderChoice = 'auto' | 'dmy' | 'mdy';

/**
 * Choose a file → match its columns (remembered) with a preview → check (dry run) or import, with progress and
 * cancel. The work runs on the Node side as a job that reports `import.progress` events, so the window never waits
 * on 100,000 rows.
 */
export function ImportPage() {
  const { t } = useTranslation();
  // ?tab=exchange&opened=<n>: the desktop app was opened with a bundle (see electron/main/main.ts#openBundles).
  const [params] = useSearchParams();
  const opened = params.get('opened');
  const [tab, setTab] = useState<string | null>(params.get('tab') === 'exchange' ? 'exchange' : 'sheet');
  useEffect(() => {
    if (opened) setTab('exchange');
  }, [opened]);
  return (
    <Stack>
      <Title order={2}>{t('io.title')}</Title>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="sheet" data-testid="tab-sheet">
            {t('io.tabs.sheet')}
          </Tabs.Tab>
          <Tabs.Tab value="exchange" data-testid="tab-exchange">
            {t('io.tabs.exchange')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="sheet" pt="md">
          <SheetImport />
        </Tabs.Panel>
        <Tabs.Panel value="exchange" pt="md">
          <ExchangePanel opened={opened} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function SheetImport() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [inspect, setInspect] = useState<InspectResult | null>(null);
  const [mapping, setMapping] = useState<Mapping>([]);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [asDraft, setAsDraft] = useState(false);
  const [strict, setStrict] = useState(false);
  const [dateOrder, setDateOrder] = useState<DateOrderChoice>('auto');
  const [job, setJob] = useState<JobProgress | null>(null);
  const [report, setReport] = useState<ImportReportOut | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const [fileKey, setFileKey] = useState(0);
  /** The job this page started and still follows; events of other jobs (another tab's) are not ours. */
  const following = useRef<string | null>(null);

  const follow = useCallback(
    (p: JobProgress) => {
      if (p.jobId !== following.current) return;
      if (p.state === 'running') return setJob(p);
      following.current = null;
      setJob(null);
      if (p.state === 'done' && p.report) {
        setReport(p.report);
        if (p.report.committed) void queryClient.invalidateQueries();
      } else if (p.state === 'cancelled') setCancelled(true);
      else if (p.error) setError(p.error as ApiError);
    },
    [queryClient],
  );
  useEffect(() => onEvent('import.progress', follow), [follow]);

  const reset = () => {
    setInspect(null);
    setReport(null);
    setError(null);
    setJob(null);
    setCancelled(false);
    setFileKey((k) => k + 1);
  };

  const clear = () => {
    setReport(null);
    setError(null);
    setCancelled(false);
    setInspect(null);
  };
  const onFile = async (file: ChosenFile) => {
    clear();
    setReading(true);
    try {
      const res = await call('io:inspect', { fileId: file.fileId });
      if (res.ok) {
        setInspect(res.value);
        setMapping(res.value.mapping);
      } else setError(res.error);
    } finally {
      setReading(false);
    }
  };

  const start = async (dryRun: boolean) => {
    if (!inspect) return;
    setReport(null);
    setError(null);
    setCancelled(false);
    await eventsReady();
    const res = await call('io:importStart', {
      uploadId: inspect.uploadId,
      options: { dryRun, asDraft, strict, mapping, ...(dateOrder === 'auto' ? {} : { dateOrder }) },
    });
    if (!res.ok) return setError(res.error);
    const { jobId } = res.value;
    following.current = jobId;
    setJob({ jobId, state: 'running', phase: 'reading', done: 0, total: inspect.rowCount });
    // Events sent before this answer arrived named a job the page did not know yet: one read catches up.
    const now = await call('io:importProgress', { jobId });
    if (now.ok) follow(now.value);
  };

  const cancel = async () => {
    if (job) await call('io:importCancel', { jobId: job.jobId });
  };

  const used = mapping.filter(Boolean);
  const mappingOk =
    !!inspect && inspect.required.every((c) => mapping.includes(c)) && new Set(used).size === used.length;
  const running = job !== null;
  const n = (x: number) => formatNumber(x, i18n.language);
  const percent = job && job.total > 0 ? (job.phase === 'writing' ? 100 : Math.round((job.done / job.total) * 100)) : 0;

  return (
    <Stack>
      <Text c="dimmed">{t('io.intro')}</Text>
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Text fw={500}>{t('io.chooseFile')}</Text>
          <FilePicker
            key={fileKey}
            kind="spreadsheet"
            testId="import-file"
            disabled={running}
            onChosen={(f) => void onFile(f)}
            onError={(e) => {
              clear();
              setError(e);
            }}
          />
          {reading && <Text size="sm">{t('io.reading')}</Text>}
          {inspect && (
            <Text size="sm" data-testid="file-info">
              {t('io.fileInfo', {
                fileName: inspect.fileName,
                rows: n(inspect.rowCount),
                format: inspect.format.toUpperCase(),
                encoding: inspect.encoding,
              })}
            </Text>
          )}
        </Stack>
      </Paper>
      {error && (
        <Alert color="red" data-testid="import-error">
          {explainError(t, error)}
        </Alert>
      )}
      {cancelled && (
        <Alert color="yellow" data-testid="import-cancelled">
          {t('io.cancelled')}
        </Alert>
      )}
      {inspect && (
        <>
          <MappingStep inspect={inspect} mapping={mapping} onChange={setMapping} />
          <PreviewTable inspect={inspect} mapping={mapping} />
          <Paper withBorder p="md">
            <Stack gap="xs">
              <Title order={4}>{t('io.options.title')}</Title>
              <Checkbox
                label={t('io.options.asDraft')}
                checked={asDraft}
                onChange={(e) => setAsDraft(e.currentTarget.checked)}
                data-testid="opt-draft"
              />
              <Checkbox
                label={t('io.options.strict')}
                checked={strict}
                onChange={(e) => setStrict(e.currentTarget.checked)}
                data-testid="opt-strict"
              />
              <Radio.Group
                label={t('io.options.dateOrder')}
                value={dateOrder}
                onChange={(v) => setDateOrder(v as DateOrderChoice)}
              >
                <Group mt={4}>
                  <Radio value="auto" label={t('io.options.dateAuto')} />
                  <Radio value="dmy" label={t('io.options.dmy')} data-testid="opt-dmy" />
                  <Radio value="mdy" label={t('io.options.mdy')} />
                </Group>
              </Radio.Group>
            </Stack>
          </Paper>
          <Group>
            <Button
              variant="default"
              disabled={!mappingOk || running}
              onClick={() => void start(true)}
              data-testid="import-check"
            >
              {t('io.check')}
            </Button>
            <Button disabled={!mappingOk || running} onClick={() => void start(false)} data-testid="import-run">
              {t('io.import')}
            </Button>
            <Button variant="subtle" disabled={running} onClick={reset}>
              {t('io.startOver')}
            </Button>
          </Group>
        </>
      )}
      {job && (
        <Paper withBorder p="md" data-testid="import-progress">
          <Stack gap="xs">
            <Text size="sm">{t(`io.progress.${job.phase}`, { done: n(job.done), total: n(job.total) })}</Text>
            <Progress
              value={percent}
              animated
              striped
              aria-label={t(`io.progress.${job.phase}`, { done: n(job.done), total: n(job.total) })}
            />
            <Group>
              <Button color="red" variant="light" size="xs" onClick={() => void cancel()} data-testid="import-cancel">
                {t('io.cancel')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {report && !running && (
        <UnknownCountries
          key={report.sha256 + report.counts.rejected}
          report={report}
          onRemembered={() => void start(report.dryRun)}
        />
      )}
      {report && <ReportView report={report} />}
    </Stack>
  );
}
