// GetCostForecast from today to the month's end: what the rest of the month will cost, before credits and
// refunds (the budget is compared with spend, not with spend minus credits that may run out). One request.
// Cost Explorer answers DataUnavailableException when the account's history is too short to forecast: the
// report says so; anything else is a Cost Explorer error the state machine retries, then reports.
import { type CostExplorerClient, GetCostForecastCommand } from '@aws-sdk/client-cost-explorer';
import type { CostPlan } from '../plan/plan.ts';
import { ADJUSTMENT_RECORD_TYPES, hasCode } from '../usage/cost-explorer.ts';

export const PREDICTION_INTERVAL = 80;

const cents = (value: number) => Math.round(value * 100) / 100;

export interface ForecastReading {
  status: 'ok' | 'unavailable' | 'skipped';
  message?: string;
  requests: number;
  /** The forecast window (end exclusive). */
  start?: string;
  end?: string;
  /** Mean forecast of the window's spend, and the PREDICTION_INTERVAL % prediction interval. */
  meanUsd?: number;
  lowerUsd?: number;
  upperUsd?: number;
}

export async function readForecast(client: CostExplorerClient, plan: CostPlan): Promise<ForecastReading> {
  if (!plan.forecast) return { status: 'skipped', message: plan.forecastSkipped, requests: 0 };
  const { start, end } = plan.forecast;
  try {
    const result = await client.send(
      new GetCostForecastCommand({
        TimePeriod: { Start: start, End: end },
        Metric: 'UNBLENDED_COST',
        Granularity: 'MONTHLY',
        Filter: { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: ADJUSTMENT_RECORD_TYPES } } },
        PredictionIntervalLevel: PREDICTION_INTERVAL,
      }),
    );
    const periods = result.ForecastResultsByTime ?? [];
    const sum = (pick: (period: (typeof periods)[number]) => string | undefined) =>
      periods.reduce((total, period) => total + Number(pick(period) ?? 0), 0);
    return {
      status: 'ok',
      requests: 1,
      start,
      end,
      meanUsd: cents(Number(result.Total?.Amount ?? sum((period) => period.MeanValue))),
      lowerUsd: cents(sum((period) => period.PredictionIntervalLowerBound)),
      upperUsd: cents(sum((period) => period.PredictionIntervalUpperBound)),
    };
  } catch (error) {
    if (!hasCode(error, 'DataUnavailableException')) throw error;
    return {
      status: 'unavailable',
      message: `Cost Explorer cannot forecast yet: ${(error as Error).message}`,
      requests: 1,
      start,
      end,
    };
  }
}
