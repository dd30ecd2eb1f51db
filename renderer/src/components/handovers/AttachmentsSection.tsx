import { Alert, Button, Group, Image, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentMeta } from '../../../../electron/api/schemas/attachment';
import type { Handover } from '../../../../electron/api/schemas/handover';
import type { ApiError } from '../../../../electron/api/result';
import type { ChosenFile } from '../../../../electron/api/schemas/files';
import { call, callOrThrow, heldFileUrl, saveHeldFile } from '../../api/client';
import { FilePicker } from '../FilePicker';
import { explainError } from '../../lib/errors';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useCan } from '../../auth/account';

export function AttachmentsSection({ handover }: { handover: Handover }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['handover', handover.id, 'attachments'],
    queryFn: () => callOrThrow('attachments:list', { handoverId: handover.id }),
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<AttachmentMeta | null>(null);
  const mayAdd = useCan('attachments:add');

  async function add(file: ChosenFile) {
    setBusy(true);
    setError(null);
    const r = await call('attachments:add', { handoverId: handover.id, fileId: file.fileId });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    await queryClient.invalidateQueries({ queryKey: ['handover', handover.id] });
  }

  async function download(a: AttachmentMeta) {
    const held = await call('attachments:get', { id: a.id });
    const saved = held.ok ? await saveHeldFile(held.value) : held;
    if (!saved.ok) setError(saved.error);
  }

  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('detail.attachments')}</Title>
        {handover.status !== 'void' && mayAdd && (
          <FilePicker
            kind="attachment"
            testId="add-attachment-file"
            showName={false}
            button={(props) => (
              <Button {...props} loading={busy || props.loading} variant="light" data-testid="add-attachment">
                {t('detail.addAttachment')}
              </Button>
            )}
            onChosen={(f) => void add(f)}
            onError={setError}
          />
        )}
      </Group>
      {error && (
        <Alert color="red" mb="sm" data-testid="attachment-error">
          {explainError(t, error)}
        </Alert>
      )}
      {(list.data ?? []).length === 0 && <Text c="dimmed">{t('detail.noAttachments')}</Text>}
      {(list.data ?? []).length > 0 && (
        <Table data-testid="attachments-table">
          <Table.Tbody>
            {(list.data ?? []).map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <span className="bidi-isolate" dir="ltr">
                    {a.fileName}
                  </span>
                </Table.Td>
                <Table.Td>{a.mime}</Table.Td>
                <Table.Td>{formatNumber(Math.ceil(a.size / 1024), i18n.language)} KB</Table.Td>
                <Table.Td>{formatDateTime(a.createdAt, i18n.language)}</Table.Td>
                <Table.Td>
                  <Text size="xs" ff="monospace" dir="ltr" title={a.sha256}>
                    SHA-256 {a.sha256.slice(0, 16)}…
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => setPreview(a)} data-testid="attachment-open">
                      {t('detail.preview')}
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => void download(a)}
                      data-testid="attachment-download"
                    >
                      {t('detail.download')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {preview && <AttachmentPreview meta={preview} onClose={() => setPreview(null)} />}
    </Paper>
  );
}

/** Shown from the held file's URL, the same bytes a download saves. */
function AttachmentPreview({ meta, onClose }: { meta: AttachmentMeta; onClose(): void }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let open = true;
    void call('attachments:get', { id: meta.id }).then((r) => open && r.ok && setUrl(heldFileUrl(r.value.fileId)));
    return () => void (open = false);
  }, [meta.id]);
  return (
    <Modal opened onClose={onClose} size="xl" title={meta.fileName}>
      <Stack data-testid="attachment-preview">
        {url && meta.mime.startsWith('image/') && <Image src={url} alt={meta.fileName} fit="contain" mah="70vh" />}
        {url && meta.mime === 'application/pdf' && (
          <iframe src={url} title={meta.fileName} style={{ width: '100%', height: '70vh', border: 0 }} />
        )}
      </Stack>
    </Modal>
  );
}
