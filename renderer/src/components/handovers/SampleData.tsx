import { Alert, Button, Group, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { call, callOrThrow } from '../../api/client';
import { useCan } from '../../auth/account';
import { explainError } from '../../lib/errors';

/**
 * "Try with sample data" on the empty list, and while sample records are counted a notice that removes them in one
 * step (they are voided with a reason: records are never deleted).
 */
export function SampleData({ empty }: { empty: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const mayLoad = useCan('samples:load');
  const status = useQuery({ queryKey: ['samples'], queryFn: () => callOrThrow('samples:status', {}) });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(channel: 'samples:load' | 'samples:remove') {
    setBusy(true);
    setError(null);
    const r = await call(channel, {});
    setBusy(false);
    if (!r.ok) setError(explainError(t, r.error, i18n.language));
    await queryClient.invalidateQueries();
  }

  const active = status.data?.active ?? 0;
  return (
    <>
      {active > 0 && (
        <Notice color="grape" text={t('samples.shown', { count: active })} testId="samples-notice">
          {mayLoad && (
            <Button
              size="xs"
              color="grape"
              loading={busy}
              onClick={() => void run('samples:remove')}
              data-testid="samples-remove"
            >
              {t('samples.remove')}
            </Button>
          )}
        </Notice>
      )}
      {empty && active === 0 && mayLoad && (
        <Notice color="gray" text={t('samples.offer')} testId="samples-offer">
          <Button
            size="xs"
            variant="light"
            loading={busy}
            onClick={() => void run('samples:load')}
            data-testid="samples-load"
          >
            {t('samples.load')}
          </Button>
        </Notice>
      )}
      {error && <Alert color="red">{error}</Alert>}
    </>
  );
}

/** A line above the list saying what the samples are, with the button that acts on them. */
function Notice({
  color,
  text,
  testId,
  children,
}: {
  color: string;
  text: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Alert color={color} data-testid={testId}>
      <Group justify="space-between">
        <Text size="sm">{text}</Text>
        {children}
      </Group>
    </Alert>
  );
}
