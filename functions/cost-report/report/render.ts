// The self-contained HTML report (summary, notes, chart, movers, anomalies, tables) and its CSV.
import { escapeHtml, htmlPage } from '../../shared/reports/html.ts';
import { accountsSection } from './accounts.ts';
import type { CostAnalysis } from './analyze.ts';
import { chartSeries, renderChart } from './chart.ts';
import { budgetVerb, percent, signedUsd, usd } from './format.ts';
import type { Mover } from './movers.ts';
import type { SpendLine } from './spend.ts';

const STYLE = `<style>
.alert{background:#ffebe9;border:1px solid #cf222e;padding:.6rem 1rem;margin:1rem 0}
.notes{background:#fff8c5;border:1px solid #d4a72c;padding:.4rem 1rem .4rem 2rem;margin:1rem 0}
.muted{color:#57606a}.empty{color:#57606a;font-style:italic}.prov{background:#f6f8fa;font-style:italic}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}td.num,td.date{white-space:nowrap}
.wide{overflow-x:auto}.daily{font-size:.8em}.daily td:first-child{white-space:nowrap}
</style>`;

const e = escapeHtml;
const cell = (value: string | number, numeric = false) => `<td${numeric ? ' class="num"' : ''}>${e(value)}</td>`;
const dateCell = (value: string) => `<td class="date">${e(value)}</td>`;
const header = (labels: string[], numericFrom = 1) =>
  `<tr>${labels.map((label, index) => `<th${index >= numericFrom ? ' class="num"' : ''}>${e(label)}</th>`).join('')}</tr>`;
const table = (head: string, rows: string[]) => `<table>${head}${rows.join('\n')}</table>`;

function summary(analysis: CostAnalysis): string {
  const { totals, plan, unit, budget, projection, forecast, savings, costExplorer, spendStatus } = analysis;
  // A failed read is unknown, not zero.
  const spent = (value: number) => (spendStatus === 'error' ? 'unknown (Cost Explorer error)' : usd(value, unit));
  const rows: [string, string][] = [
    [
      `Spend ${plan.complete ? 'in' : 'to date in'} ${plan.monthName} (before credits and refunds)`,
      spent(totals.spend),
    ],
    ['Credits', spent(totals.credits)],
    ['Refunds', spent(totals.refunds)],
    ['Net (spend + credits + refunds)', spent(totals.net)],
    [
      `Same days of ${plan.comparisonMonth} (${plan.comparison.start} to ${plan.comparison.end}, end exclusive)`,
      spent(totals.comparisonSpend),
    ],
    [`${plan.comparisonMonth}, whole month`, spent(totals.previousMonthSpend)],
  ];
  if (forecast.status === 'ok') {
    rows.push([
      `Forecast ${forecast.start} to ${forecast.end} (end exclusive), 80% interval`,
      `${usd(forecast.meanUsd ?? 0, unit)} (${usd(forecast.lowerUsd ?? 0, unit)} to ${usd(forecast.upperUsd ?? 0, unit)})`,
    ]);
  } else
    rows.push([
      'Forecast',
      forecast.status === 'error' ? `unknown (${forecast.message})` : (forecast.message ?? 'none'),
    ]);
  if (projection) rows.push([`Projected month (${projection.basis})`, usd(projection.projectedUsd, unit)]);
  if (budget) {
    rows.push(['Monthly budget (compared with spend before credits and refunds)', usd(budget.budgetUsd, unit)]);
    const status = budget.exceeded
      ? `EXCEEDED by ${usd(budget.overByUsd, unit)}`
      : spendStatus === 'ok'
        ? 'within budget'
        : 'not judged: no spend figures';
    rows.push(['Budget status', status]);
  }
  rows.push([
    `Monthly savings the nightly cleanup realised in ${plan.monthName}`,
    savings.status === 'error' ? `unknown (${savings.message})` : usd(savings.realisedMonthlySavingsUsd),
  ]);
  rows.push([
    'Cost Explorer requests for this report',
    `${costExplorer.atLeast ? 'at least ' : ''}${costExplorer.requests} (${usd(costExplorer.costUsd)} at 0.01 USD each)`,
  ]);
  return table(
    '',
    rows.map(([label, value]) => `<tr><th>${e(label)}</th><td class="num">${e(value)}</td></tr>`),
  );
}

function moversTable(movers: Mover[], fromLabel: string, toLabel: string, unit: string): string {
  if (!movers.length) return '<p class="empty">No change.</p>';
  return table(
    header(['Service', fromLabel, toLabel, 'Change', 'Change %']),
    movers.map(
      (mover) =>
        `<tr>${cell(mover.service)}${cell(usd(mover.from, unit), true)}${cell(usd(mover.to, unit), true)}${cell(signedUsd(mover.change, unit), true)}${cell(percent(mover.changePct), true)}</tr>`,
    ),
  );
}

function anomaliesSection(analysis: CostAnalysis): string {
  const { anomalies, plan } = analysis;
  const title = `<h2>Cost anomalies, ${plan.anomalies.start} to ${plan.anomalies.end}</h2>`;
  if (anomalies.status === 'error') return `${title}<p class="empty">Unknown: ${e(anomalies.message ?? '')}</p>`;
  if (!anomalies.items.length) return `${title}<p class="empty">None detected.</p>`;
  return `${title}${table(
    header(['Service', 'From', 'To', 'Impact', 'Actual', 'Expected', 'Region / usage type'], 3),
    anomalies.items.map(
      (item) =>
        `<tr>${cell(item.service ?? item.dimension ?? '')}${dateCell(item.start ?? '')}${dateCell(item.end ?? '')}${cell(usd(item.totalImpactUsd), true)}${cell(item.actualSpendUsd === undefined ? '' : usd(item.actualSpendUsd), true)}${cell(item.expectedSpendUsd === undefined ? '' : usd(item.expectedSpendUsd), true)}${cell([item.region, item.usageType].filter(Boolean).join(' / '))}</tr>`,
    ),
  )}`;
}

function dailyTable(analysis: CostAnalysis, topServices: string[]): string {
  if (!analysis.days.length) return '<p class="empty">No reported day.</p>';
  const { series, values } = chartSeries(analysis.days, topServices);
  const rows = analysis.days.map((day, index) => {
    const flags = [day.provisional ? 'provisional' : '', day.estimated ? 'estimated' : ''].filter(Boolean).join(', ');
    const amounts = [...values[index], day.spend, day.credits, day.refunds, day.net];
    return `<tr${day.provisional ? ' class="prov"' : ''}>${dateCell(day.date)}${amounts.map((value) => cell(value.toFixed(2), true)).join('')}${cell(flags)}</tr>`;
  });
  const head = header(['Date', ...series, 'Spend', 'Credits', 'Refunds', 'Net', 'Status']);
  return `<div class="wide"><table class="daily">${head}${rows.join('\n')}</table></div>`;
}

export function renderHtml(analysis: CostAnalysis, topServices: string[]): string {
  const { plan, unit, budget, notes, services, movers, savings, recordTypes } = analysis;
  const parts = [STYLE];
  parts.push(
    `<p class="muted">${e(plan.monthName)}: ${e(plan.scope)}. Days ${e(plan.period.start)} to ${e(plan.period.end)} (end exclusive), today ${e(plan.today)} in ${e(plan.timeZone)}.</p>`,
  );
  if (budget?.exceeded) {
    parts.push(
      `<div class="alert"><strong>Budget alert:</strong> ${e(`${plan.monthName} ${budgetVerb(plan.complete, budget.projectedUsd !== null)} ${usd(budget.projectedUsd ?? analysis.totals.spend, unit)}, over the monthly budget of ${usd(budget.budgetUsd, unit)} by ${usd(budget.overByUsd, unit)}.`)}</div>`,
    );
  }
  if (notes.length) parts.push(`<ul class="notes">${notes.map((note) => `<li>${e(note)}</li>`).join('')}</ul>`);
  parts.push('<h2>Summary</h2>', summary(analysis));
  parts.push('<h2>Daily spend by service</h2>', renderChart(analysis.days, topServices, unit));
  if (movers.dayOverDay) {
    parts.push(
      `<h2>Top movers day over day (${e(movers.dayOverDay.date)} against ${e(movers.dayOverDay.previousDate)})</h2>`,
      moversTable(movers.dayOverDay.movers, movers.dayOverDay.previousDate, movers.dayOverDay.date, unit),
    );
  }
  parts.push(
    `<h2>Top movers against the same days of ${e(plan.comparisonMonth)}</h2>`,
    analysis.spendStatus === 'error'
      ? '<p class="empty">Unknown: the spend could not be read.</p>'
      : moversTable(movers.sameDaysLastMonth, plan.comparisonMonth, plan.month, unit),
  );
  parts.push(accountsSection(analysis.accounts, plan));
  parts.push(anomaliesSection(analysis));
  parts.push(
    '<h2>Services</h2>',
    services.length
      ? table(
          header(['Service', 'Spend', 'Share', `Same days of ${plan.comparisonMonth}`, 'First charged (new)']),
          services.map(
            (row) =>
              `<tr>${cell(row.service)}${cell(usd(row.spend, unit), true)}${cell(`${(row.share * 100).toFixed(1)}%`, true)}${cell(usd(row.comparisonSpend, unit), true)}${cell(row.newSince ?? '', true)}</tr>`,
          ),
        )
      : '<p class="empty">No spend.</p>',
  );
  if (recordTypes.length) {
    parts.push(
      '<h2>By charge type (Cost Explorer record type)</h2>',
      table(
        header(['Record type', 'Amount']),
        recordTypes.map((row) => `<tr>${cell(row.recordType)}${cell(usd(row.amount, unit), true)}</tr>`),
      ),
    );
  }
  parts.push('<h2>Daily detail</h2>', dailyTable(analysis, topServices));
  if (savings.status !== 'error' && savings.topItems.length) {
    parts.push(
      '<h2>Largest cleanup savings</h2>',
      table(
        header(['Resource', 'Kind', 'Region', 'Estimated monthly saving']),
        savings.topItems.map(
          (item) =>
            `<tr>${cell(item.resource)}${cell(item.kind ?? '')}${cell(item.region ?? '')}${cell(usd(item.estimatedMonthlySavingsUsd), true)}</tr>`,
        ),
      ),
    );
  }
  return htmlPage(`AWS cost report: ${plan.monthName}`, parts.join('\n'));
}

const csvField = (value: string | number | boolean) => {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One line per day, service and charge type (credits and refunds are their own lines, negative). */
export function renderCsv(analysis: CostAnalysis, lines: SpendLine[]): string {
  const provisional = new Set(analysis.days.filter((day) => day.provisional).map((day) => day.date));
  const rows = [
    ['date', 'service', 'record_type', `amount_${analysis.unit.toLowerCase()}`, 'estimated', 'provisional'],
  ];
  for (const line of lines) {
    rows.push([
      line.date,
      line.service,
      line.recordType,
      line.amount.toFixed(6),
      String(line.estimated),
      String(provisional.has(line.date)),
    ]);
  }
  return `${rows.map((row) => row.map(csvField).join(',')).join('\n')}\n`;
}
