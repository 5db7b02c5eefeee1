// GetCostForecast: the mean daily cost of the last FORECAST_BASIS_DAYS complete days (matching the Filter) carried
// over the requested window, with a prediction interval from their spread. AWS semantics: the window must start
// today (UTC) or later and end after it starts, DAILY covers at most 3 months and MONTHLY 12, a short history is
// DataUnavailableException, PredictionIntervalLevel is 51..99 and bounds are only returned when it is given.
import type { GetCostForecastRequest } from '@aws-sdk/client-cost-explorer';
import { awsError, NotImplementedInSandbox } from '../../errors.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import {
  addDays,
  amount,
  currency,
  DAY_MS,
  history,
  matches,
  monthStart,
  requireDay,
  utcToday,
  validation,
} from './history.ts';

export const FORECAST_BASIS_DAYS = 14;
/** Fewer complete days of history than this and Cost Explorer will not forecast. */
export const MIN_HISTORY_DAYS = 7;

const COST_METRICS = ['AMORTIZED_COST', 'BLENDED_COST', 'NET_AMORTIZED_COST', 'NET_UNBLENDED_COST', 'UNBLENDED_COST'];

/** Standard normal quantile (Winitzki's erf inverse): z for a two-sided `level` % interval. */
export function zFor(level: number): number {
  const x = level / 100;
  const a = 0.147;
  const ln = Math.log(1 - x * x);
  const first = 2 / (Math.PI * a) + ln / 2;
  return Math.SQRT2 * Math.sqrt(Math.sqrt(first * first - ln / a) - first);
}

const daysBetween = (start: string, end: string) => Math.round((Date.parse(end) - Date.parse(start)) / DAY_MS);

function windows(start: string, end: string, granularity: string): { Start: string; End: string }[] {
  const result: { Start: string; End: string }[] = [];
  for (let day = start; day < end; ) {
    const next = granularity === 'DAILY' ? addDays(day, 1) : monthStart(day, 1);
    result.push({ Start: day, End: next < end ? next : end });
    day = next;
  }
  return result;
}

function getCostForecast(ctx: HandlerContext, input: GetCostForecastRequest) {
  const start = requireDay(input.TimePeriod?.Start, 'TimePeriod.Start');
  const end = requireDay(input.TimePeriod?.End, 'TimePeriod.End');
  const today = utcToday(ctx);
  if (start >= end) throw validation(`Requested Start: ${start} must be before requested End: ${end}`);
  if (start < today) throw validation(`Start date must be equal to or later than the current date: ${today}`);
  const granularity = input.Granularity ?? '';
  if (!['DAILY', 'MONTHLY'].includes(granularity)) {
    throw validation(`GetCostForecast supports DAILY and MONTHLY granularity only (got ${granularity})`);
  }
  const limit = granularity === 'DAILY' ? monthStart(today, 3) : monthStart(today, 12);
  if (end > addDays(limit, 1))
    throw validation(`End date ${end} is too far in the future for ${granularity} forecasts`);
  const metric = input.Metric ?? '';
  if (['USAGE_QUANTITY', 'NORMALIZED_USAGE_AMOUNT'].includes(metric)) {
    throw new NotImplementedInSandbox('CostExplorer', ctx.operation, `metric ${metric}`);
  }
  if (!COST_METRICS.includes(metric)) throw validation(`Invalid metric: ${metric}`);
  const level = input.PredictionIntervalLevel;
  if (level !== undefined && (level < 51 || level > 99)) {
    throw validation('PredictionIntervalLevel must be between 51 and 99');
  }

  const perDay = new Map<string, number>();
  for (const rec of history(ctx)) {
    if (rec.date >= today || !matches(rec, input.Filter, ctx)) continue;
    perDay.set(rec.date, (perDay.get(rec.date) ?? 0) + rec.amount);
  }
  const days = [...perDay.keys()].sort();
  if (days.length < MIN_HISTORY_DAYS) {
    throw awsError('DataUnavailableException', 'Insufficient amount of historical data to generate forecast.');
  }
  const basis = days.slice(-FORECAST_BASIS_DAYS).map((day) => perDay.get(day) ?? 0);
  const mean = basis.reduce((sum, value) => sum + value, 0) / basis.length;
  const spread = Math.sqrt(basis.reduce((sum, value) => sum + (value - mean) ** 2, 0) / basis.length);
  const z = level === undefined ? 0 : zFor(level);
  const unit = currency(ctx);
  const results = windows(start, end, granularity).map((window) => {
    const n = daysBetween(window.Start, window.End);
    const value = mean * n;
    const margin = z * spread * Math.sqrt(n);
    return {
      TimePeriod: window,
      MeanValue: amount(value),
      ...(level === undefined
        ? {}
        : {
            PredictionIntervalLowerBound: amount(Math.max(0, value - margin)),
            PredictionIntervalUpperBound: amount(value + margin),
          }),
    };
  });
  const total = results.reduce((sum, result) => sum + Number(result.MeanValue), 0);
  return { Total: { Amount: amount(total), Unit: unit }, ForecastResultsByTime: results };
}

export const forecastHandlers: Handlers = { GetCostForecast: getCostForecast };
