// GetAnomalies: Cost Anomaly Detection's default services monitor, run over the daily history. A service's day is
// anomalous when its usage exceeds what the BASELINE_DAYS before the run of anomalous days lead to expect (their
// median) by MIN_IMPACT_USD and MIN_IMPACT_RATIO; consecutive anomalous days are one anomaly. AWS semantics: the
// DateInterval selects by AnomalyEndDate (EndDate defaults to today), anomalies are kept 90 days, TotalImpact and
// Feedback filters, MonitorArn must be a monitor of the account, MaxResults/NextPageToken pagination.
import { createHash } from 'node:crypto';
import type { Anomaly, GetAnomaliesRequest, TotalImpactFilter } from '@aws-sdk/client-cost-explorer';
import { awsError } from '../../errors.ts';
import { uuidFromCounter } from '../../ids.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { addDays, history, requireDay, utcToday, validation } from './history.ts';

export const BASELINE_DAYS = 14;
export const MIN_IMPACT_USD = 10;
export const MIN_IMPACT_RATIO = 0.25;
const RETENTION_DAYS = 90;
const DEFAULT_PAGE_SIZE = 20;

/** The default monitor every account with Cost Anomaly Detection has (AWS services, by SERVICE). */
export function defaultMonitorArn(accountId: string): string {
  return `arn:aws:ce::${accountId}:anomalymonitor/${uuidFromCounter(Number.parseInt(accountId.slice(-8), 10) || 1)}`;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function stableId(service: string, start: string): string {
  const hex = createHash('sha256').update(`${service}|${start}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Every anomaly in the history (usage of each service, up to yesterday). */
export function detectAnomalies(ctx: HandlerContext): Anomaly[] {
  const today = utcToday(ctx);
  const usage = new Map<string, Map<string, number>>();
  for (const rec of history(ctx)) {
    if (rec.recordType !== 'Usage' || rec.date >= today) continue;
    const days = usage.get(rec.service) ?? new Map<string, number>();
    days.set(rec.date, (days.get(rec.date) ?? 0) + rec.amount);
    usage.set(rec.service, days);
  }
  const monitorArn = defaultMonitorArn(ctx.accountId);
  const anomalies: Anomaly[] = [];
  for (const [service, days] of usage) {
    const dates = [...days.keys()].sort();
    let run: { start: string; expected: number; days: { actual: number; expected: number }[] } | undefined;
    const close = (end: string) => {
      if (run) anomalies.push(toAnomaly(ctx, service, monitorArn, run.start, end, run.days));
      run = undefined;
    };
    dates.forEach((date, index) => {
      const actual = days.get(date) ?? 0;
      const expected =
        run?.expected ??
        (index >= BASELINE_DAYS
          ? median(dates.slice(index - BASELINE_DAYS, index).map((d) => days.get(d) ?? 0))
          : undefined);
      const anomalous =
        expected !== undefined && actual - expected >= Math.max(MIN_IMPACT_USD, expected * MIN_IMPACT_RATIO);
      if (anomalous && expected !== undefined) {
        run ??= { start: date, expected, days: [] };
        run.days.push({ actual, expected });
      } else close(dates[index - 1]);
    });
    close(dates.at(-1) ?? today);
  }
  return anomalies;
}

function toAnomaly(
  ctx: HandlerContext,
  service: string,
  monitorArn: string,
  start: string,
  end: string,
  days: { actual: number; expected: number }[],
): Anomaly {
  const round = (value: number) => Math.round(value * 100) / 100;
  const actual = days.reduce((sum, day) => sum + day.actual, 0);
  const expected = days.reduce((sum, day) => sum + day.expected, 0);
  const impacts = days.map((day) => day.actual - day.expected);
  const maxRatio = Math.max(...days.map((day) => (day.actual - day.expected) / Math.max(day.expected, 1)));
  const lastRatio = impacts.at(-1)! / Math.max(days.at(-1)!.expected, 1);
  return {
    AnomalyId: stableId(service, start),
    AnomalyStartDate: start,
    AnomalyEndDate: end,
    DimensionValue: service,
    RootCauses: [
      {
        Service: service,
        LinkedAccount: ctx.accountId,
        LinkedAccountName: 'idp-production',
        Impact: { Contribution: round(actual - expected) },
      },
    ],
    AnomalyScore: { MaxScore: round(1 - Math.exp(-maxRatio)), CurrentScore: round(1 - Math.exp(-lastRatio)) },
    Impact: {
      MaxImpact: round(Math.max(...impacts)),
      TotalImpact: round(actual - expected),
      TotalActualSpend: round(actual),
      TotalExpectedSpend: round(expected),
      TotalImpactPercentage: round(((actual - expected) / expected) * 100),
    },
    MonitorArn: monitorArn,
  };
}

function impactMatches(value: number, filter: TotalImpactFilter | undefined): boolean {
  if (!filter) return true;
  const start = filter.StartValue ?? 0;
  switch (filter.NumericOperator) {
    case 'EQUAL':
      return value === start;
    case 'GREATER_THAN_OR_EQUAL':
      return value >= start;
    case 'LESS_THAN_OR_EQUAL':
      return value <= start;
    case 'GREATER_THAN':
      return value > start;
    case 'LESS_THAN':
      return value < start;
    case 'BETWEEN':
      if (filter.EndValue === undefined) throw validation('TotalImpact EndValue is required for BETWEEN');
      return value >= start && value <= filter.EndValue;
    default:
      throw validation(`Invalid NumericOperator: ${filter.NumericOperator}`);
  }
}

function getAnomalies(ctx: HandlerContext, input: GetAnomaliesRequest) {
  const startDate = requireDay(input.DateInterval?.StartDate?.slice(0, 10), 'DateInterval.StartDate');
  const endDate = input.DateInterval?.EndDate
    ? requireDay(input.DateInterval.EndDate.slice(0, 10), 'DateInterval.EndDate')
    : utcToday(ctx);
  if (startDate > endDate) throw validation('DateInterval StartDate must be before or equal to EndDate');
  const monitorArn = defaultMonitorArn(ctx.accountId);
  if (input.MonitorArn !== undefined && input.MonitorArn !== monitorArn) {
    throw awsError('UnknownMonitorException', `Monitor ${input.MonitorArn} does not exist.`);
  }
  if (input.MaxResults !== undefined && input.MaxResults < 1) throw validation('MaxResults must be at least 1');
  const oldest = addDays(utcToday(ctx), -RETENTION_DAYS);
  const selected = detectAnomalies(ctx).filter((anomaly) => {
    const end = anomaly.AnomalyEndDate ?? '';
    return (
      end >= startDate &&
      end <= endDate &&
      end >= oldest &&
      impactMatches(anomaly.Impact?.TotalImpact ?? 0, input.TotalImpact) &&
      (input.Feedback === undefined || anomaly.Feedback === input.Feedback)
    );
  });
  const page = paginate(selected, (anomaly) => `${anomaly.AnomalyStartDate}|${anomaly.AnomalyId}`, {
    token: input.NextPageToken,
    pageSize: input.MaxResults ?? DEFAULT_PAGE_SIZE,
    invalidToken: () => awsError('InvalidNextTokenException', 'The pagination token is invalid.'),
  });
  return { Anomalies: page.items, NextPageToken: page.nextToken };
}

export const anomalyHandlers: Handlers = { GetAnomalies: getAnomalies };
