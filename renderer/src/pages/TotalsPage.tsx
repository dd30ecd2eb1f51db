import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { callOrThrow } from '../api/client';
import { formatNumber } from '../lib/format';

export function TotalsPage() {
  const { t, i18n } = useTranslation();
  const sums = useQuery({ queryKey: ['handovers', 'sums-finalized'], queryFn: () => callOrThrow('handovers:list', { statuses: ['finalized'], limit: 1 }) });
  const s = sums.data?.sums;
  const tiles = s ? ([['handovers', s.handovers], ['women', s.women], ['children', s.children], ['men', s.men], ['persons', s.persons]] as const) : [];
  return (
    <Stack>
      <Title order={2}>{t('totals.title')}</Title>
      <Text c="dimmed">{t('totals.finalizedOnly')}</Text>
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        {tiles.map(([k, v]) => (
          <Paper key={k} withBorder p="md" data-testid={`total-${k}`}>
            <Text size="sm" c="dimmed">{t(`totals.${k}`)}</Text>
            <Text size="xl" fw={700}>{formatNumber(v, i18n.language)}</Text>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
