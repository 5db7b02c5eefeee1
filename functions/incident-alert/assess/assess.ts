// The runbook's "Initial assessment" for a CloudWatch alarm: what the alarm watches, its recent datapoints (the last
// 30 minutes, one GetMetricData call) and, from its state history (the last 24 hours), when the ALARM began, so the
// resolved message can say how long it lasted.
import {
  type AlarmHistoryItem,
  type CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { ResourceNotFoundError } from '../../shared/errors/errors.ts';
import { HISTORY_WINDOW_HOURS, type IncidentRequest, type ObservedState, type StateValue } from './input.ts';

const MINUTE = 60_000;
export const DATAPOINT_WINDOW_MINUTES = 30;

export interface Datapoint {
  timestamp: string;
  value: number;
}

export interface Assessment {
  trigger: 'event' | 'manual';
  eventId?: string;
  dryRun: boolean;
  region: string;
  alarmName: string;
  alarmArn: string;
  description?: string;
  state: ObservedState;
  previousState?: StateValue;
  /** When the current ALARM (or, for OK, the ALARM just resolved) began; undefined when not found. */
  alarmSince?: string;
  metric?: { namespace: string; name: string; dimensions: string; stat: string; period: number; condition: string };
  datapoints: Datapoint[];
  /** Why nothing is sent for this alarm (one of the stack's own alarms); nothing else is read then. */
  ignored?: string;
}

const comparisons: Record<string, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '>=',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

interface StateUpdate {
  at: string;
  from?: StateValue;
  to?: StateValue;
}

function stateUpdate(item: AlarmHistoryItem): StateUpdate {
  try {
    const data = JSON.parse(item.HistoryData ?? '{}');
    return { at: item.Timestamp!.toISOString(), from: data.oldState?.stateValue, to: data.newState?.stateValue };
  } catch {
    return { at: item.Timestamp!.toISOString() };
  }
}

async function describeAlarm(client: CloudWatchClient, alarmName: string, region: string): Promise<MetricAlarm> {
  const found = await client.send(new DescribeAlarmsCommand({ AlarmNames: [alarmName], AlarmTypes: ['MetricAlarm'] }));
  const alarm = found.MetricAlarms?.find((candidate) => candidate.AlarmName === alarmName);
  if (!alarm) throw new ResourceNotFoundError(`CloudWatch metric alarm "${alarmName}" not found in ${region}`);
  return alarm;
}

/** StateUpdate items of the last 24 hours, newest first. */
async function stateHistory(client: CloudWatchClient, alarmName: string, now: Date): Promise<StateUpdate[]> {
  const updates: StateUpdate[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(
      new DescribeAlarmHistoryCommand({
        AlarmName: alarmName,
        HistoryItemType: 'StateUpdate',
        StartDate: new Date(now.getTime() - HISTORY_WINDOW_HOURS * 60 * MINUTE),
        EndDate: now,
        ScanBy: 'TimestampDescending',
        NextToken,
      }),
    );
    updates.push(...(page.AlarmHistoryItems ?? []).filter((item) => item.Timestamp).map(stateUpdate));
    NextToken = page.NextToken;
  } while (NextToken);
  return updates.sort((a, b) => b.at.localeCompare(a.at));
}

async function recentDatapoints(client: CloudWatchClient, alarm: MetricAlarm, now: Date): Promise<Datapoint[]> {
  if (!alarm.MetricName || !alarm.Namespace) return []; // metric-math alarm: no single metric to show
  const result = await client.send(
    new GetMetricDataCommand({
      StartTime: new Date(now.getTime() - DATAPOINT_WINDOW_MINUTES * MINUTE),
      EndTime: now,
      ScanBy: 'TimestampAscending',
      MetricDataQueries: [
        {
          Id: 'alarm',
          MetricStat: {
            Metric: { Namespace: alarm.Namespace, MetricName: alarm.MetricName, Dimensions: alarm.Dimensions },
            Period: alarm.Period ?? 60,
            Stat: alarm.Statistic ?? alarm.ExtendedStatistic ?? 'Average',
          },
          ReturnData: true,
        },
      ],
    }),
  );
  const series = result.MetricDataResults?.[0];
  return (series?.Timestamps ?? [])
    .map((time, index) => ({ timestamp: time.toISOString(), value: series?.Values?.[index] ?? Number.NaN }))
    .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

function describeMetric(alarm: MetricAlarm): Assessment['metric'] {
  if (!alarm.MetricName || !alarm.Namespace) return undefined;
  const stat = alarm.Statistic ?? alarm.ExtendedStatistic ?? 'Average';
  return {
    namespace: alarm.Namespace,
    name: alarm.MetricName,
    dimensions: (alarm.Dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).join(', '),
    stat,
    period: alarm.Period ?? 60,
    condition: `${stat} ${comparisons[alarm.ComparisonOperator ?? ''] ?? alarm.ComparisonOperator} ${alarm.Threshold} for ${alarm.EvaluationPeriods} x ${alarm.Period ?? 60} s`,
  };
}

export async function assessAlarm(
  client: CloudWatchClient,
  request: IncidentRequest & { region: string },
  now: Date,
): Promise<Assessment> {
  const alarm = await describeAlarm(client, request.alarmName, request.region);
  const history = await stateHistory(client, request.alarmName, now);
  const datapoints = await recentDatapoints(client, alarm, now);
  // An event is the transition itself; by hand, the alarm's current state is what we report on.
  const state: ObservedState =
    request.trigger === 'event'
      ? request.state
      : {
          value: (alarm.StateValue ?? 'INSUFFICIENT_DATA') as StateValue,
          reason: alarm.StateReason,
          timestamp: (alarm.StateTransitionedTimestamp ?? alarm.StateUpdatedTimestamp ?? now).toISOString(),
        };
  const upToTransition = history.filter((update) => update.at <= state.timestamp);
  const previousState =
    request.trigger === 'event'
      ? request.previousState?.value
      : upToTransition.find((update) => update.to === state.value)?.from;
  let alarmSince: string | undefined;
  if (state.value === 'ALARM') {
    alarmSince = request.trigger === 'event' ? state.timestamp : upToTransition.find((u) => u.to === 'ALARM')?.at;
  } else if (state.value === 'OK' && previousState === 'ALARM') {
    alarmSince =
      upToTransition.find((u) => u.to === 'ALARM')?.at ??
      (request.trigger === 'event' ? request.previousState?.timestamp : undefined);
  }
  return {
    trigger: request.trigger,
    eventId: request.trigger === 'event' ? request.eventId : undefined,
    dryRun: request.dryRun,
    region: request.region,
    alarmName: request.alarmName,
    alarmArn: alarm.AlarmArn ?? request.alarmName,
    description: alarm.AlarmDescription,
    state,
    previousState,
    alarmSince,
    metric: describeMetric(alarm),
    datapoints,
  };
}
