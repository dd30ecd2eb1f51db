import { Group, Paper, Text, Title } from '@mantine/core';
import { geoNaturalEarth1, geoPath } from 'd3-geo';
import countries from 'i18n-iso-countries';
import { useMemo, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import type { CountryTotalsRow } from '../../../../electron/api/schemas/totals';
import { countryName } from '../../lib/countries';
import { formatNumber } from '../../lib/format';
import { Flag } from '../CountrySelect';

const WIDTH = 960;
const HEIGHT = 470;
const ANTARCTICA = '010';

interface Shape {
  key: string;
  /** ISO alpha-2, or null where world-atlas has a shape without an ISO numeric id (e.g. N. Cyprus, Somaliland). */
  code: string | null;
  d: string;
  centroid: [number, number];
}

let shapesCache: Shape[] | null = null;
/** The projected outlines never change: computed once per session, not per render. */
function shapes(): Shape[] {
  if (shapesCache) return shapesCache;
  const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const fc = feature(topo, topo.objects.countries);
  const features = fc.features.filter((f) => f.id !== ANTARCTICA);
  const projection = geoNaturalEarth1().fitSize([WIDTH, HEIGHT], { type: 'FeatureCollection', features });
  const path = geoPath(projection);
  shapesCache = features.map((f, i) => ({
    key: `${f.id ?? 'x'}-${i}`,
    code: f.id === undefined ? null : (countries.numericToAlpha2(String(f.id)) ?? null),
    d: path(f) ?? '',
    centroid: path.centroid(f) as [number, number],
  }));
  return shapesCache;
}

export const mappedCodes = () =>
  new Set(
    shapes()
      .map((s) => s.code)
      .filter((c): c is string => !!c),
  );

const PALETTE = ['teal-2', 'teal-4', 'teal-6', 'teal-8', 'teal-9'].map((c) => `var(--mantine-color-${c})`);
const NO_DATA = 'var(--mantine-color-gray-1)';

/** Geometric class breaks from 1 to the largest figure, rounded to two significant digits: handovers range from a few persons to hundreds. */
export function classBreaks(max: number, classes = PALETTE.length): number[] {
  if (max <= 1) return [1];
  const out: number[] = [];
  for (let i = 1; i < classes; i++) {
    const raw = Math.pow(max, i / classes);
    const mag = Math.pow(10, Math.max(0, Math.floor(Math.log10(raw)) - 1));
    const v = Math.max(1, Math.round(raw / mag) * mag);
    if (!out.includes(v) && v < max) out.push(v);
  }
  return out;
}

const colorFor = (persons: number, breaks: number[]) => {
  let i = 0;
  while (i < breaks.length && persons > breaks[i]) i++;
  return PALETTE[Math.min(PALETTE.length - 1, Math.round((i * (PALETTE.length - 1)) / Math.max(1, breaks.length)))];
};

interface Hover {
  code: string;
  x: number;
  y: number;
}

/** Offline choropleth of persons per receiving country. The map itself never mirrors; legend and text follow the UI direction. */
export function WorldMap({ rows }: { rows: CountryTotalsRow[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [hover, setHover] = useState<Hover | null>(null);
  const byCode = useMemo(() => new Map(rows.map((r) => [r.country, r])), [rows]);
  const breaks = useMemo(() => classBreaks(Math.max(0, ...rows.map((r) => r.persons))), [rows]);
  const all = shapes();
  const onMap = useMemo(() => mappedCodes(), []);
  const missing = rows.filter((r) => !onMap.has(r.country));

  const move = (code: string) => (e: MouseEvent<SVGPathElement>) => {
    const box = (e.currentTarget.ownerSVGElement?.parentElement ?? e.currentTarget).getBoundingClientRect();
    setHover({ code, x: e.clientX - box.left, y: e.clientY - box.top });
  };
  const focus = (s: Shape) => (e: React.FocusEvent<SVGPathElement>) => {
    const svg = e.currentTarget.ownerSVGElement;
    const scale = svg ? svg.getBoundingClientRect().width / WIDTH : 1;
    setHover({ code: s.code!, x: s.centroid[0] * scale, y: s.centroid[1] * scale });
  };
  const hovered = hover ? byCode.get(hover.code) : undefined;
  const label = (r: CountryTotalsRow) =>
    `${countryName(r.country, lng)}: ${formatNumber(r.persons, lng)} ${t('totals.columns.persons')} — ${t('totals.columns.women')} ${formatNumber(r.women, lng)}, ${t('totals.columns.children')} ${formatNumber(r.children, lng)}, ${t('totals.columns.men')} ${formatNumber(r.men, lng)}`;

  const legend = [0, ...breaks].map((from, i, arr) => ({
    color: PALETTE[Math.min(PALETTE.length - 1, Math.round((i * (PALETTE.length - 1)) / Math.max(1, breaks.length)))],
    text:
      i === arr.length - 1
        ? `> ${formatNumber(from, lng)}`
        : `${formatNumber(from + 1, lng)}–${formatNumber(arr[i + 1], lng)}`,
  }));

  return (
    <Paper withBorder p="md" data-testid="chart-map">
      <Title order={4} mb="sm">
        {t('totals.charts.map')}
      </Title>
      <div className="totals-map" onMouseLeave={() => setHover(null)}>
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t('totals.charts.map')} direction="ltr">
          <rect x={0} y={0} width={WIDTH} height={HEIGHT} fill="var(--mantine-color-blue-0)" pointerEvents="none" />
          {all.map((s) => {
            const r = s.code ? byCode.get(s.code) : undefined;
            return (
              <path
                key={s.key}
                d={s.d}
                className={r ? 'country has-data' : 'country'}
                fill={r ? colorFor(r.persons, breaks) : NO_DATA}
                data-code={s.code ?? undefined}
                data-persons={r?.persons}
                data-testid={r ? `map-country-${r.country}` : undefined}
                tabIndex={r ? 0 : undefined}
                aria-label={r ? label(r) : undefined}
                onMouseMove={r ? move(r.country) : undefined}
                onFocus={r ? focus(s) : undefined}
                onBlur={r ? () => setHover(null) : undefined}
              />
            );
          })}
        </svg>
        {hover && hovered && (
          <div
            className="totals-map-tooltip"
            data-testid="map-tooltip"
            style={{ left: hover.x, top: hover.y + 14, transform: hover.x > 480 ? 'translateX(-100%)' : undefined }}
          >
            <Group gap={6} wrap="nowrap">
              <Flag code={hovered.country} />
              <strong>{countryName(hovered.country, lng)}</strong>
            </Group>
            <div>
              {t('totals.columns.persons')}: {formatNumber(hovered.persons, lng)}
            </div>
            <div>
              {[
                `${t('totals.columns.women')}: ${formatNumber(hovered.women, lng)}`,
                `${t('totals.columns.children')}: ${formatNumber(hovered.children, lng)}`,
                `${t('totals.columns.men')}: ${formatNumber(hovered.men, lng)}`,
              ].join(t('common.listSeparator'))}
            </div>
            <div>
              {t('totals.columns.handovers')}: {formatNumber(hovered.handovers, lng)}
            </div>
          </div>
        )}
      </div>
      <Group gap="md" mt="sm" data-testid="map-legend">
        <Text size="sm" fw={700}>
          {t('totals.charts.legend')}
        </Text>
        {rows.length > 0 &&
          legend.map((l) => (
            <Group key={l.text} gap={4} wrap="nowrap">
              <span className="totals-legend-swatch" style={{ background: l.color }} />
              <Text size="sm" className="bidi-isolate">
                {l.text}
              </Text>
            </Group>
          ))}
      </Group>
      {missing.length > 0 && (
        <Text size="sm" mt="xs" data-testid="map-missing">
          {t('totals.charts.notOnMap')}{' '}
          {missing.map((r, i) => (
            <span key={r.country} data-code={r.country}>
              {i > 0 && (lng === 'ar' ? '، ' : ', ')}
              {countryName(r.country, lng)} ({formatNumber(r.persons, lng)})
            </span>
          ))}
        </Text>
      )}
    </Paper>
  );
}
