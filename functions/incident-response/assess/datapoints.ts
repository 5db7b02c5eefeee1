// The recent values an alarm evaluates: one GetMetricData over the last minutes, with the alarm's own metric
// (its statistic and period) or, for a metric-math alarm, its queries as they are (the expression's values return).
import {
  type CloudWatchClient,
  GetMetricDataCommand,
  type MetricAlarm,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import type { Datapoint } from '../model/assessment.ts';

const MINUTE = 60_000;

function queriesOf(alarm: MetricAlarm): MetricDataQuery[] {
  if (alarm.Metrics?.length) {
    // The alarm's own queries; only the expression it alarms on returns data (as in the alarm).
    return alarm.Metrics.map((query) => ({
      Id: query.Id,
      Expression: query.Expression,
      MetricStat: query.MetricStat,
      Label: query.Label,
      Period: query.Period,
      ReturnData: query.ReturnData ?? Boolean(query.Expression),
    }));
  }
  if (!alarm.MetricName || !alarm.Namespace) return [];
  return [
    {
      Id: 'alarm',
      MetricStat: {
        Metric: { Namespace: alarm.Namespace, MetricName: alarm.MetricName, Dimensions: alarm.Dimensions },
        Period: alarm.Period ?? 60,
        Stat: alarm.Statistic ?? alarm.ExtendedStatistic ?? 'Average',
      },
      ReturnData: true,
    },
  ];
}

/** The values of the last `minutes`, oldest first (one page: at most a few hundred points). */
export async function recentDatapoints(
  cloudwatch: CloudWatchClient,
  alarm: MetricAlarm,
  now: Date,
  minutes: number,
): Promise<Datapoint[]> {
  const queries = queriesOf(alarm);
  if (!queries.length) return [];
  const result = await cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(now.getTime() - minutes * MINUTE),
      EndTime: now,
      ScanBy: 'TimestampAscending',
      MetricDataQueries: queries,
    }),
  );
  const series = result.MetricDataResults?.[0];
  return (series?.Timestamps ?? [])
    .map((time, index) => ({ timestamp: time.toISOString(), value: series?.Values?.[index] ?? Number.NaN }))
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}
