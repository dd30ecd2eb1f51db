import { Alert, Button, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ListQueryInput } from '../../../../electron/api/schemas/handover';
import { callOrThrow, saveHeldFile } from '../../api/client';

/**
 * "Export CSV / Excel" of the handovers the list shows (its filter, every page): the canonical columns, which the
 * import reads back. Takes the list's query as a prop so the list page only has to mount it.
 */
export function ExportButtons({ query }: { query: ListQueryInput }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [failed, setFailed] = useState(false);
  const { search, countries, camps, statuses, from, to } = query;
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    setFailed(false);
    try {
      const file = await callOrThrow('io:export', { format, filter: { search, countries, camps, statuses, from, to } });
      if (!(await saveHeldFile(file)).ok) setFailed(true);
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap="xs">
      <Button
        variant="default"
        size="xs"
        loading={busy === 'csv'}
        onClick={() => void run('csv')}
        data-testid="export-csv"
      >
        {t('io.export.csv')}
      </Button>
      <Button
        variant="default"
        size="xs"
        loading={busy === 'xlsx'}
        onClick={() => void run('xlsx')}
        data-testid="export-xlsx"
      >
        {t('io.export.xlsx')}
      </Button>
      {failed && (
        <Alert color="red" py={4}>
          {t('io.export.failed')}
        </Alert>
      )}
    </Group>
  );
}
