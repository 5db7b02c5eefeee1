// Decides what a cost-report run covers, from "today" in the configured time zone: the month, the days reported
// (Cost Explorer's End is exclusive), the same days of the month before, the forecast window and the anomaly
// window. The runbook's call (Start=first of month, End=today) fails on the 1st because Start equals End; here the
// 1st reports the whole previous month instead, and no Cost Explorer request is ever made for an empty period.
import * as z from 'zod';
import { InvalidInputError } from '../../shared/errors/errors.ts';
import { addDays, addMonths, dateIn, daysBetween, maxDate, minDate, monthName, monthOf, monthStart } from './dates.ts';

export const CostPlanInput = z.strictObject({
  /** A month to report by hand; default: the current month to date (the previous month on its 1st). */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
    .optional(),
  /** "schedule" when the daily schedule started the run. */
  trigger: z.literal('schedule').optional(),
});
export type CostPlanInput = z.infer<typeof CostPlanInput>;

const isoDate = z.iso.date();

/** A run of days; `end` is exclusive, as in Cost Explorer's DateInterval. */
export const Interval = z.object({ start: isoDate, end: isoDate });
export type Interval = z.infer<typeof Interval>;

/** What the plan step hands every later step (validated again there: it crosses the state machine). */
export const CostPlan = z.object({
  month: z.string(),
  monthName: z.string(),
  timeZone: z.string(),
  today: isoDate,
  /** Whether the whole month is reported (a past month) or the month to date. */
  complete: z.boolean(),
  /** Why this month and these days, in one sentence for the report. */
  scope: z.string(),
  /** The days reported; empty (start = end) on the 1st of a month requested by hand. */
  period: Interval,
  /** The same days of the month before (the whole month before when `complete`). */
  comparison: Interval,
  comparisonMonth: z.string(),
  /** The one GetCostAndUsage window: the month before through the period's end; null when the period is empty. */
  query: Interval.nullable(),
  /** GetCostForecast window (from today, in the time zone Cost Explorer works in, UTC); null when not possible. */
  forecast: Interval.nullable(),
  forecastSkipped: z.string().optional(),
  /** GetAnomalies DateInterval (both ends inclusive): the last 7 days and today. */
  anomalies: z.object({ start: isoDate, end: isoDate }),
  /** Days on or after this (up to the period's end) are provisional: Cost Explorer still revises them. */
  provisionalFrom: isoDate,
  /** Key prefix of the nightly-cleanup reports written in the reported month. */
  savingsPrefix: z.string(),
});
export type CostPlan = z.infer<typeof CostPlan>;

export const PROVISIONAL_DAYS = 2;
export const ANOMALY_DAYS = 7;
export const CLEANUP_REPORTS_PREFIX = 'reports/nightly-cleanup/';

export function planCostReport(input: CostPlanInput, timeZone: string, now: Date): CostPlan {
  const today = dateIn(now, timeZone);
  const currentMonth = monthOf(today);
  const firstOfMonth = today === monthStart(currentMonth);
  let month: string;
  let scope: string;
  if (input.month) {
    if (input.month > currentMonth) {
      throw new InvalidInputError(`input.month: ${input.month} has not started yet (today is ${today} in ${timeZone})`);
    }
    month = input.month;
    scope = month === currentMonth ? 'requested by hand: the month to date' : 'requested by hand: the whole month';
  } else if (firstOfMonth) {
    month = addMonths(currentMonth, -1);
    scope = `today is the 1st: the whole of ${monthName(month)} is reported`;
  } else {
    month = currentMonth;
    scope = 'the month to date';
  }
  const complete = month < currentMonth;
  const nextMonthStart = monthStart(addMonths(month, 1));
  const period: Interval = { start: monthStart(month), end: complete ? nextMonthStart : today };
  const comparisonMonth = addMonths(month, -1);
  const comparisonStart = monthStart(comparisonMonth);
  const comparison: Interval = {
    start: comparisonStart,
    end: complete
      ? period.start
      : minDate(addDays(comparisonStart, daysBetween(period.start, period.end)), period.start),
  };
  const empty = period.start === period.end;
  // Cost Explorer forecasts from its own today (UTC) on; the configured time zone may be a day behind or ahead.
  const forecastStart = maxDate(today, now.toISOString().slice(0, 10));
  let forecast: Interval | null = null;
  let forecastSkipped: string | undefined;
  if (complete) forecastSkipped = `${monthName(month)} is over: there is nothing left to forecast`;
  else if (forecastStart >= nextMonthStart) {
    forecastSkipped = `${monthName(month)} has already ended in UTC, the time Cost Explorer forecasts in`;
  } else forecast = { start: forecastStart, end: nextMonthStart };
  return {
    month,
    monthName: monthName(month),
    timeZone,
    today,
    complete,
    scope: empty ? `${scope} (it started today: no complete day yet)` : scope,
    period,
    comparison,
    comparisonMonth,
    query: empty ? null : { start: comparison.start, end: period.end },
    forecast,
    ...(forecastSkipped ? { forecastSkipped } : {}),
    anomalies: { start: addDays(today, -ANOMALY_DAYS), end: today },
    provisionalFrom: addDays(today, -PROVISIONAL_DAYS),
    savingsPrefix: `${CLEANUP_REPORTS_PREFIX}${month}-`,
  };
}
