import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../../electron/api/result';
import type { ChosenFile } from '../../../../electron/api/schemas/files';
import type { MergeReportOut, PendingConflictOut } from '../../../../electron/api/schemas/io';
import { call, callOrThrow, saveHeldFile } from '../../api/client';
import { explainError } from '../../lib/errors';
import { formatDateTime, formatNumber } from '../../lib/format';
import { FilePicker } from '../FilePicker';

type Side = { field: string; local: string; incoming: string }[];

/** The differing fields of one conflict: this office's value beside the bundle's. */
export function SideBySide({ rows }: { rows: Side }) {
  const { t } = useTranslation();
  return (
    <Table withColumnBorders data-testid="side-by-side">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('io.exchange.field')}</Table.Th>
          <Table.Th>{t('io.exchange.here')}</Table.Th>
          <Table.Th>{t('io.exchange.incoming')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.field}>
            <Table.Td>
              {t(`io.exchange.fields.${r.field}`, { defaultValue: t(`fields.${r.field}`, { defaultValue: r.field }) })}
            </Table.Td>
            <Table.Td dir="auto">{r.local}</Table.Td>
            <Table.Td dir="auto">{r.incoming}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

type Choice = 'keep_local' | 'take_incoming';

/**
 * One pending conflict: both versions side by side, a required note, and the two decisions ("keep ours" / "take
 * theirs"), each confirmed before it is sent. The API refuses a second decision on the same conflict.
 */
function ConflictDecision({ conflict, onDone }: { conflict: PendingConflictOut; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const [note, setNote] = useState('');
  const [choice, setChoice] = useState<Choice | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const vars = { reference: conflict.referenceNo, office: conflict.from.name };

  async function decide() {
    if (!choice) return;
    setBusy(true);
    setError(null);
    const r = await call('io:resolveConflict', { conflictId: conflict.id, choice, note });
    setBusy(false);
    setChoice(null);
    if (!r.ok) return setError(r.error);
    onDone(
      r.value.resolution === 'kept_local'
        ? t('io.exchange.decide.keptLocal', vars)
        : t('io.exchange.decide.tookIncoming', { ...vars, version: formatNumber(r.value.version ?? 1, i18n.language) }),
    );
  }

  return (
    <Paper withBorder p="sm" data-testid={`conflict-${conflict.referenceNo}`}>
      <Stack gap="xs">
        <div>
          <Text fw={500}>
            <span dir="auto">{conflict.referenceNo}</span> — {t(conflict.reason)}
          </Text>
          <Text size="sm" c="dimmed">
            {t('io.exchange.decide.from', {
              office: conflict.from.name,
              date: formatDateTime(conflict.receivedAt, i18n.language),
            })}
          </Text>
        </div>
        <SideBySide rows={conflict.sideBySide ?? []} />
        <Textarea
          label={t('io.exchange.decide.note')}
          description={t('io.exchange.decide.noteHint')}
          required
          autosize
          minRows={2}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="conflict-note"
        />
        {error && (
          <Alert color="red" data-testid="conflict-error">
            {explainError(t, error)}
          </Alert>
        )}
        <Group>
          <Button
            variant="default"
            disabled={!note.trim() || busy}
            onClick={() => setChoice('keep_local')}
            data-testid="keep-local"
          >
            {t('io.exchange.decide.keepLocal')}
          </Button>
          <Button
            color="orange"
            disabled={!note.trim() || busy}
            onClick={() => setChoice('take_incoming')}
            data-testid="take-incoming"
          >
            {t('io.exchange.decide.takeIncoming')}
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={choice !== null}
        onClose={() => setChoice(null)}
        title={choice === 'take_incoming' ? t('io.exchange.decide.takeIncoming') : t('io.exchange.decide.keepLocal')}
      >
        <Text mb="sm" data-testid="conflict-confirm-text">
          {choice === 'take_incoming'
            ? t('io.exchange.decide.confirmTake', vars)
            : t('io.exchange.decide.confirmKeep', vars)}
        </Text>
        <Text
          size="sm"
          fs="italic"
          dir="auto"
          mb="md"
          p="xs"
          bg="var(--mantine-color-gray-0)"
          style={{ borderInlineStart: '3px solid var(--mantine-color-gray-4)' }}
          data-testid="conflict-confirm-note"
        >
          {note.trim()}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setChoice(null)}>
            {t('common.cancel')}
          </Button>
          <Button
            color={choice === 'take_incoming' ? 'orange' : undefined}
            loading={busy}
            onClick={() => void decide()}
            data-testid="conflict-confirm"
          >
            {t('io.exchange.decide.confirm')}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}

/**
 * Office exchange: this office's card, the offices it knows, bundles out and in, conflicts waiting for a person.
 * `opened` changes when the desktop app was opened with a bundle (double-click, second launch): the panel then
 * imports what main queued and shows its report like any other.
 */
export function ExchangePanel({ opened }: { opened?: string | null }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const office = useQuery({ queryKey: ['io', 'office'], queryFn: () => callOrThrow('io:office', {}) });
  const offices = useQuery({ queryKey: ['io', 'offices'], queryFn: () => callOrThrow('io:offices', {}) });
  const conflicts = useQuery({ queryKey: ['io', 'conflicts'], queryFn: () => callOrThrow('io:conflicts', {}) });
  const finalized = useQuery({
    queryKey: ['io', 'finalized'],
    queryFn: () =>
      callOrThrow('handovers:list', { statuses: ['finalized'], limit: 500, sort: 'referenceNo', direction: 'asc' }),
  });
  const [name, setName] = useState('');
  const [to, setTo] = useState<string | null>(null);
  const [ids, setIds] = useState<string[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [report, setReport] = useState<MergeReportOut | null>(null);
  const [busy, setBusy] = useState(false);
  const [decided, setDecided] = useState<string | null>(null);
  const refresh = () => void qc.invalidateQueries();

  const run = async (fn: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await fn();
    } finally {
      setBusy(false);
    }
  };
  const init = () =>
    run(async () => {
      const r = await call('io:officeInit', { name });
      if (!r.ok) setError(r.error);
      refresh();
    });
  const addCard = (file: ChosenFile) =>
    run(async () => {
      const r = await call('io:officeAdd', { fileId: file.fileId });
      if (!r.ok) setError(r.error);
      refresh();
    });
  const exportBundle = () =>
    to &&
    run(async () => {
      const r = await call('io:bundleExport', { toOfficeId: to, ids });
      const saved = r.ok ? await saveHeldFile(r.value) : r;
      if (!saved.ok) setError(saved.error);
    });
  const importBundle = (file: ChosenFile) =>
    run(async () => {
      setReport(null);
      const r = await call('io:bundleImport', { fileId: file.fileId });
      if (r.ok) setReport(r.value);
      else setError(r.error);
      refresh();
    });

  useEffect(() => {
    if (!opened) return;
    void run(async () => {
      setReport(null);
      const r = await call('io:openedBundle', {});
      if (r.ok && r.value) setReport(r.value.report);
      else if (!r.ok) setError(r.error);
      refresh();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs once per opening, not when the helpers change
  }, [opened]);

  const me = office.data;
  return (
    <Stack>
      {error && (
        <Alert color="red" data-testid="exchange-error">
          {explainError(t, error)}
        </Alert>
      )}
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          {t('io.exchange.thisOffice')}
        </Title>
        {office.isSuccess && !me && (
          <Group align="end">
            <TextInput
              label={t('io.exchange.officeName')}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              data-testid="office-name"
            />
            <Button onClick={() => void init()} disabled={!name.trim() || busy} data-testid="office-init">
              {t('io.exchange.init')}
            </Button>
          </Group>
        )}
        {me && (
          <Stack gap={4}>
            <Text data-testid="office-info">
              {me.name} — {t('io.exchange.fingerprint')}: <span dir="ltr">{me.fingerprint}</span>
            </Text>
            <Group>
              <Button
                variant="default"
                size="xs"
                data-testid="office-card"
                onClick={() =>
                  run(async () => {
                    const r = await call('io:officeCard', {});
                    const saved = r.ok ? await saveHeldFile(r.value) : r;
                    if (!saved.ok) setError(saved.error);
                  })
                }
              >
                {t('io.exchange.downloadCard')}
              </Button>
            </Group>
          </Stack>
        )}
      </Paper>
      {me && (
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {t('io.exchange.knownOffices')}
          </Title>
          {(offices.data ?? []).map((o) => (
            <Text key={o.id} size="sm">
              {o.name} — <span dir="ltr">{o.fingerprint}</span>
            </Text>
          ))}
          <Text size="sm" mt="xs">
            {t('io.exchange.addCard')}
          </Text>
          <FilePicker
            kind="officeCard"
            testId="office-card-file"
            onChosen={(f) => void addCard(f)}
            onError={setError}
          />
        </Paper>
      )}
      {me && (
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {t('io.exchange.send')}
          </Title>
          <Group align="end">
            <Select
              label={t('io.exchange.to')}
              data={(offices.data ?? []).map((o) => ({ value: o.id, label: o.name }))}
              value={to}
              onChange={setTo}
              data-testid="bundle-to"
            />
            <MultiSelect
              label={t('io.exchange.which')}
              placeholder={t('io.exchange.allFinalized')}
              data={(finalized.data?.rows ?? []).map((r) => ({ value: r.id, label: r.referenceNo }))}
              value={ids}
              onChange={setIds}
              searchable
              miw={260}
            />
            <Button onClick={() => void exportBundle()} disabled={!to || busy} data-testid="bundle-export">
              {t('io.exchange.createBundle')}
            </Button>
          </Group>
        </Paper>
      )}
      {me && (
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            {t('io.exchange.receive')}
          </Title>
          <FilePicker
            kind="bundle"
            testId="bundle-file"
            onChosen={(f) => void importBundle(f)}
            onError={(e) => {
              setReport(null);
              setError(e);
            }}
          />
        </Paper>
      )}
      {report && (
        <Paper withBorder p="md" data-testid="bundle-report">
          <Title order={4}>{t('io.exchange.reportTitle', { office: report.from.name })}</Title>
          <Group gap="xs" my="xs">
            {(['new', 'amended', 'unchanged', 'conflict', 'rejected'] as const).map((k) => (
              <Badge
                key={k}
                variant="light"
                color={k === 'conflict' ? 'orange' : k === 'rejected' ? 'red' : 'teal'}
                data-testid={`bundle-${k}`}
              >
                {t(`io.exchange.outcomes.${k}`)}: {formatNumber(report.counts[k], i18n.language)}
              </Badge>
            ))}
          </Group>
          {report.rows
            .filter((r) => r.outcome === 'conflict' || r.outcome === 'rejected')
            .map((r) => (
              <Stack key={r.id} gap={4} mb="sm">
                <Text fw={500} dir="auto">
                  {r.referenceNo} — {r.reason ? t(r.reason) : ''}
                </Text>
                {r.sideBySide && <SideBySide rows={r.sideBySide} />}
              </Stack>
            ))}
        </Paper>
      )}
      {decided && (
        <Alert color="teal" withCloseButton onClose={() => setDecided(null)} data-testid="conflict-decided">
          {decided}
        </Alert>
      )}
      {(conflicts.data?.length ?? 0) > 0 && (
        <Paper withBorder p="md" data-testid="pending-conflicts">
          <Title order={4} mb="xs">
            {t('io.exchange.pending')}
          </Title>
          <Stack gap="sm">
            {conflicts.data!.map((c) => (
              <ConflictDecision
                key={c.id}
                conflict={c}
                onDone={(message) => {
                  setDecided(message);
                  // The pending list, and every list or detail page showing the record, read again.
                  refresh();
                }}
              />
            ))}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
