// Readings for the cost-report logic tests: Cost Explorer results built from a few readable cost lines.
import type { ResultByTime } from '@aws-sdk/client-cost-explorer';
import type { AnomalyReading } from '../../functions/cost-report/anomalies/anomalies.ts';
import type { ForecastReading } from '../../functions/cost-report/forecast/forecast.ts';
import { type CostPlan, planCostReport } from '../../functions/cost-report/plan/plan.ts';
import type { Readings } from '../../functions/cost-report/report/analyze.ts';
import type { SavingsReading } from '../../functions/cost-report/savings/savings.ts';
import { type SpendReading, summarize } from '../../functions/cost-report/usage/read.ts';

export interface Line {
  date: string;
  service: string;
  recordType?: string;
  amount: number;
}

/** Daily lines for every date in [start, end) of each service at a flat amount. */
export function flat(start: string, end: string, services: Record<string, number>): Line[] {
  const lines: Line[] = [];
  for (
    let day = new Date(`${start}T00:00:00Z`);
    day < new Date(`${end}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 1)
  ) {
    const date = day.toISOString().slice(0, 10);
    for (const [service, amount] of Object.entries(services)) lines.push({ date, service, amount });
  }
  return lines;
}

/** Cost Explorer's answer (DAILY, grouped by SERVICE and RECORD_TYPE), one result per day. */
export function resultsFrom(lines: Line[], estimatedFrom = '9999-12-31'): ResultByTime[] {
  const byDate = new Map<string, Line[]>();
  for (const line of lines) byDate.set(line.date, [...(byDate.get(line.date) ?? []), line]);
  return [...byDate.entries()].map(([date, dayLines]) => ({
    TimePeriod: { Start: date, End: date },
    Total: {},
    Estimated: date >= estimatedFrom,
    Groups: dayLines.map((line) => ({
      Keys: [line.service, line.recordType ?? 'Usage'],
      Metrics: { UnblendedCost: { Amount: String(line.amount), Unit: 'USD' } },
    })),
  }));
}

export function spendFrom(plan: CostPlan, lines: Line[]): SpendReading {
  return { ...summarize(resultsFrom(lines), plan), requests: 1 };
}

export const noAnomalies = (plan: CostPlan): AnomalyReading => ({
  status: 'ok',
  requests: 1,
  window: plan.anomalies,
  anomalies: [],
});

export const forecastOf = (plan: CostPlan, meanUsd: number): ForecastReading =>
  plan.forecast
    ? { status: 'ok', requests: 1, ...plan.forecast, meanUsd, lowerUsd: meanUsd * 0.9, upperUsd: meanUsd * 1.1 }
    : { status: 'skipped', requests: 0, message: plan.forecastSkipped };

export const noSavings: SavingsReading = {
  status: 'none',
  message: 'no nightly-cleanup report in March 2026: counted as 0 USD',
  reportsRead: 0,
  reportsCounted: 0,
  realisedMonthlySavingsUsd: 0,
  topItems: [],
  unreadable: [],
};

/** 18 March 2026: EC2 100/day and S3 10/day since 1 February. */
export function midMarch(extra: Line[] = [], forecastUsd = 1500): { plan: CostPlan; readings: Readings } {
  const plan = planCostReport({}, 'UTC', new Date('2026-03-18T07:00:00Z'));
  const lines = [...flat('2026-02-01', '2026-03-18', { 'Amazon EC2': 100, 'Amazon S3': 10 }), ...extra];
  return {
    plan,
    readings: {
      spend: spendFrom(plan, lines),
      forecast: forecastOf(plan, forecastUsd),
      anomalies: noAnomalies(plan),
      savings: noSavings,
    },
  };
}
