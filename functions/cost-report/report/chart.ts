// The report's chart: daily spend as stacked bars (top services + "Other"), an axis in USD, a legend, and the
// provisional days hatched. Plain inline SVG, no script and no external asset, so the report opens anywhere.
import { escapeHtml } from '../../shared/reports/html.ts';
import type { DayRow } from './spend.ts';

export const OTHER = 'Other';

/** Tableau 20: distinguishable neighbours; "Other" is always the neutral grey. */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#a0cbe8',
  '#ffbe7d',
  '#ff9d9a',
  '#8cd17d',
  '#b6992d',
  '#f1ce63',
  '#499894',
  '#86bcb6',
  '#d37295',
  '#fabfd2',
  '#d4a6c8',
];
const OTHER_COLOR = '#bab0ac';

export function colorOf(index: number, service: string): string {
  return service === OTHER ? OTHER_COLOR : PALETTE[index % PALETTE.length];
}

/** A round axis step giving about `ticks` steps up to `max`. */
export function niceStep(max: number, ticks = 5): number {
  if (max <= 0) return 1;
  const raw = max / ticks;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const multiple = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= raw) ?? 10;
  return multiple * magnitude;
}

const money = (value: number) =>
  value >= 1000 ? `${(value / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })}k` : value.toFixed(0);

export interface ChartSeries {
  /** Stacking order, bottom first: the top services by spend, then "Other" when anything is left. */
  series: string[];
  /** Per day, the amount of each series. */
  values: number[][];
}

export function chartSeries(days: DayRow[], topServices: string[]): ChartSeries {
  const values = days.map((day) => {
    const top = topServices.map((service) => day.byService[service] ?? 0);
    const other = day.spend - top.reduce((total, value) => total + value, 0);
    return [...top, Math.max(0, other)];
  });
  const hasOther = values.some((row) => row[row.length - 1] > 0.005);
  return {
    series: hasOther ? [...topServices, OTHER] : topServices,
    values: hasOther ? values : values.map((row) => row.slice(0, -1)),
  };
}

const WIDTH = 960;
const PLOT = { left: 64, right: 16, top: 16, height: 260 };
const LEGEND_ROW = 20;
const LEGEND_COLUMNS = 3;

export function renderChart(days: DayRow[], topServices: string[], unit: string): string {
  const { series, values } = chartSeries(days, topServices);
  const max = Math.max(0, ...values.map((row) => row.reduce((total, value) => total + value, 0)));
  if (!days.length || max <= 0) return '<p class="empty">No spend to chart.</p>';
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const plotWidth = WIDTH - PLOT.left - PLOT.right;
  const slot = plotWidth / days.length;
  const barWidth = Math.max(2, slot * 0.72);
  const y = (value: number) => PLOT.top + PLOT.height - (value / top) * PLOT.height;
  const axisBottom = PLOT.top + PLOT.height;
  const parts: string[] = [];
  for (let tick = 0; tick <= top + step / 2; tick += step) {
    parts.push(
      `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#d0d7de" stroke-width="1"/>`,
      `<text x="${PLOT.left - 6}" y="${y(tick) + 4}" text-anchor="end" class="tick">${money(tick)}</text>`,
    );
  }
  days.forEach((day, index) => {
    const x = PLOT.left + index * slot + (slot - barWidth) / 2;
    let base = 0;
    series.forEach((service, position) => {
      const value = values[index][position];
      if (value <= 0) return;
      const y0 = y(base);
      const y1 = y(base + value);
      base += value;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y1.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${Math.max(0.5, y0 - y1).toFixed(1)}" fill="${colorOf(position, service)}"><title>${escapeHtml(`${day.date} ${service}: ${value.toFixed(2)} ${unit}`)}</title></rect>`,
      );
    });
    if (day.provisional && base > 0) {
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y(base).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(axisBottom - y(base)).toFixed(1)}" fill="url(#provisional)" stroke="#1b1f24" stroke-dasharray="3 2"><title>${escapeHtml(`${day.date}: provisional, Cost Explorer may still revise it (total ${day.spend.toFixed(2)} ${unit})`)}</title></rect>`,
      );
    }
    const label = Number(day.date.slice(8));
    if (days.length <= 31 || label % 5 === 1) {
      parts.push(
        `<text x="${(x + barWidth / 2).toFixed(1)}" y="${axisBottom + 14}" text-anchor="middle" class="tick">${label}${day.provisional ? '*' : ''}</text>`,
      );
    }
  });
  parts.push(
    `<line x1="${PLOT.left}" x2="${WIDTH - PLOT.right}" y1="${axisBottom}" y2="${axisBottom}" stroke="#1b1f24"/>`,
    `<text x="14" y="${PLOT.top + PLOT.height / 2}" transform="rotate(-90 14 ${PLOT.top + PLOT.height / 2})" text-anchor="middle" class="tick">${escapeHtml(unit)} per day</text>`,
  );
  const legendItems = [
    ...series.map((service, position) => ({ label: service, swatch: colorOf(position, service) })),
    { label: '* provisional (Cost Explorer may still revise)', swatch: 'url(#provisional)' },
  ];
  const legendTop = axisBottom + 34;
  const columnWidth = plotWidth / LEGEND_COLUMNS;
  legendItems.forEach((item, index) => {
    const lx = PLOT.left + (index % LEGEND_COLUMNS) * columnWidth;
    const ly = legendTop + Math.floor(index / LEGEND_COLUMNS) * LEGEND_ROW;
    parts.push(
      `<rect x="${lx.toFixed(1)}" y="${ly}" width="12" height="12" fill="${item.swatch}" stroke="#57606a" stroke-width="0.5"/>`,
      `<text x="${(lx + 18).toFixed(1)}" y="${ly + 10}" class="legend">${escapeHtml(item.label)}</text>`,
    );
  });
  const height = legendTop + Math.ceil(legendItems.length / LEGEND_COLUMNS) * LEGEND_ROW + 8;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${escapeHtml(`Daily spend by service, ${days[0].date} to ${days.at(-1)?.date}`)}">
<defs><pattern id="provisional" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff" fill-opacity="0.35"/><line x1="0" y1="0" x2="0" y2="6" stroke="#1b1f24" stroke-width="1.5" stroke-opacity="0.55"/></pattern>
<style>.tick{font:11px system-ui,sans-serif;fill:#57606a}.legend{font:12px system-ui,sans-serif;fill:#1b1f24}</style></defs>
${parts.join('\n')}
</svg>`;
}
