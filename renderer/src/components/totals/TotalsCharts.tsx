import { BarChart } from '@mantine/charts';
import { Group, Paper, SegmentedControl, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CountryTotalsRow, TimelineResult } from '../../../../electron/api/schemas/totals';
import { isRtl, intlLocale } from '../../i18n';
import { countryName } from '../../lib/countries';
import { formatNumber } from '../../lib/format';

/** Colours that stay apart in greyscale print: light, middle and dark. */
export const SERIES_COLORS = { women: 'teal.4', children: 'orange.6', men: 'indigo.9' } as const;
const MAX_BARS = 25;

/** Persons per country, stacked women / children / men; the largest countries only, so the bars stay readable. */
export function PersonsBarChart({ rows }: { rows: CountryTotalsRow[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const rtl = isRtl(lng);
  const top = [...rows].sort((a, b) => b.persons - a.persons || a.country.localeCompare(b.country)).slice(0, MAX_BARS);
  const data = top.map((r) => ({
    name: countryName(r.country, lng),
    women: r.women,
    children: r.children,
    men: r.men,
  }));
  return (
    <Paper withBorder p="md" data-testid="chart-persons">
      <Title order={4} mb="sm">
        {t('totals.charts.personsByCountry')}
      </Title>
      <BarChart
        h={Math.max(160, 34 * data.length + 70)}
        data={data}
        dataKey="name"
        type="stacked"
        orientation="vertical"
        withLegend
        legendProps={{ verticalAlign: 'top' }}
        series={(['women', 'children', 'men'] as const).map((k) => ({
          name: k,
          label: t(`totals.columns.${k}`),
          color: SERIES_COLORS[k],
        }))}
        valueFormatter={(v) => formatNumber(v, lng)}
        // RTL: categories on the right, values growing leftwards.
        // Mantine nudges tick labels 10px left (right for a left axis); on a right axis that pushes Arabic labels
        // under the bars, so they are anchored explicitly and nudged the other way.
        yAxisProps={{
          width: 150,
          orientation: rtl ? 'right' : 'left',
          interval: 0,
          ...(rtl
            ? {
                tick: {
                  transform: 'translate(10, 0)',
                  textAnchor: 'start',
                  fontSize: 12,
                  fill: 'currentColor',
                  style: { direction: 'ltr', unicodeBidi: 'plaintext' },
                },
              }
            : {}),
        }}
        xAxisProps={{ reversed: rtl }}
        tooltipAnimationDuration={0}
        barChartProps={{ accessibilityLayer: true }}
      />
    </Paper>
  );
}

function periodFormatter(lng: string, monthly: boolean): (period: string) => string {
  const f = new Intl.DateTimeFormat(
    intlLocale(lng),
    monthly ? { year: 'numeric', month: 'short', timeZone: 'UTC' } : { year: 'numeric', timeZone: 'UTC' },
  );
  return (period) => {
    const [y, m] = period.split('-').map(Number);
    return f.format(new Date(Date.UTC(y, (m ?? 1) - 1, 1)));
  };
}

export function TimelineChart({
  timeline,
  onGranularity,
}: {
  timeline: TimelineResult;
  onGranularity(g: 'month' | 'year'): void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const rtl = isRtl(lng);
  const label = periodFormatter(lng, timeline.granularity === 'month');
  const data = timeline.periods.map((p) => ({ period: label(p.period), handovers: p.handovers, persons: p.persons }));
  // A numeric tick interval: recharts then skips measuring every label (a forced layout each) to pick ticks itself.
  const interval = Math.max(0, Math.ceil(data.length / 16) - 1);
  return (
    <Paper withBorder p="md" data-testid="chart-timeline">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('totals.charts.timeline')}</Title>
        <SegmentedControl
          className="totals-noprint"
          size="xs"
          value={timeline.granularity}
          onChange={(v) => onGranularity(v as 'month' | 'year')}
          data={[
            { value: 'month', label: t('totals.charts.month') },
            { value: 'year', label: t('totals.charts.year') },
          ]}
          data-testid="timeline-granularity"
        />
      </Group>
      {data.length === 0 ? (
        <Text c="dimmed">{t('totals.charts.noData')}</Text>
      ) : (
        <BarChart
          h={260}
          data={data}
          dataKey="period"
          withBarValueLabel={data.length <= 24}
          series={[{ name: 'handovers', label: t('totals.columns.handovers'), color: 'teal.7' }]}
          valueFormatter={(v) => formatNumber(v, lng)}
          // Time runs with the reading direction: right to left in Arabic.
          xAxisProps={{ reversed: rtl, interval }}
          yAxisProps={{ orientation: rtl ? 'right' : 'left', allowDecimals: false }}
          tooltipAnimationDuration={0}
        />
      )}
    </Paper>
  );
}
