import { Alert, Button, Group, Modal, Text, Textarea } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Handover } from '../../../../electron/api/schemas/handover';
import type { ApiError } from '../../../../electron/api/result';
import { call } from '../../api/client';
import { explainError } from '../../lib/errors';
import { useCan } from '../../auth/account';

/** Draft → finalized → (amended | void). The buttons offered follow the status; the API enforces the same rules. */
export function LifecycleActions({ handover }: { handover: Handover }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'finalize' | 'void' | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const mayChange = useCan('handovers:finalize');

  async function run() {
    setBusy(true);
    setError(null);
    const r =
      dialog === 'finalize'
        ? await call('handovers:finalize', { id: handover.id, expectedRevision: handover.revision })
        : await call('handovers:void', { id: handover.id, expectedRevision: handover.revision, reason });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setDialog(null);
    setReason('');
    await queryClient.invalidateQueries();
  }

  const close = () => {
    setDialog(null);
    setError(null);
  };

  if (!mayChange) return null;
  return (
    <Group>
      {handover.status === 'draft' && (
        <>
          <Button component={Link} to={`/handovers/${handover.id}/edit`} variant="default" data-testid="edit">
            {t('common.edit')}
          </Button>
          <Button onClick={() => setDialog('finalize')} data-testid="finalize">
            {t('detail.finalize')}
          </Button>
        </>
      )}
      {handover.status === 'finalized' && (
        <Button component={Link} to={`/handovers/${handover.id}/amend`} data-testid="amend">
          {t('detail.amend')}
        </Button>
      )}
      {handover.status !== 'void' && (
        <Button color="red" variant="light" onClick={() => setDialog('void')} data-testid="void">
          {t('detail.void')}
        </Button>
      )}
      <Modal
        opened={dialog !== null}
        onClose={close}
        title={dialog === 'finalize' ? t('detail.finalizeTitle') : t('detail.voidTitle')}
      >
        <Text mb="sm">{dialog === 'finalize' ? t('detail.finalizeBody') : t('detail.voidBody')}</Text>
        {dialog === 'void' && (
          <Textarea
            label={t('detail.reason')}
            required
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="void-reason"
            autosize
            minRows={2}
          />
        )}
        {error && (
          <Alert color="red" mt="sm" data-testid="lifecycle-error">
            {explainError(t, error)}
          </Alert>
        )}
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            color={dialog === 'void' ? 'red' : undefined}
            loading={busy}
            disabled={dialog === 'void' && !reason.trim()}
            onClick={() => void run()}
            data-testid="confirm"
          >
            {dialog === 'finalize' ? t('detail.finalize') : t('detail.void')}
          </Button>
        </Group>
      </Modal>
    </Group>
  );
}
