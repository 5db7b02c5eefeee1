// CloudWatch alarms and metrics: DescribeAlarms, DescribeAlarmHistory, GetMetricData. Metric alarms only (composite
// alarms are not modelled: an AlarmTypes filter asking for them gets none). Datapoints are synthesised from the
// seeded metric generators (baseline +- jitter, a spike since some minutes ago), deterministic per timestamp, so
// two reads of one period agree; a metric the seed does not know has no datapoints, as on AWS.

import { createHash } from 'node:crypto';
import type {
  DescribeAlarmHistoryInput,
  DescribeAlarmsInput,
  GetMetricDataInput,
  MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import { awsError, NotImplementedInSandbox } from '../../errors.ts';
import type { AlarmRec, MetricRec } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const invalid = (message: string) => awsError('InvalidParameterValue', message);
const invalidToken = () => awsError('InvalidNextToken', 'The service cannot process the NextToken.');

function maxRecords(value: number | undefined, fallback: number): number {
  const records = value ?? fallback;
  if (!Number.isInteger(records) || records < 1 || records > 100) {
    throw invalid(`The value ${records} for parameter MaxRecords is not valid: it must be between 1 and 100.`);
  }
  return records;
}

const toIso = (value: Date | string | undefined) =>
  value === undefined ? undefined : (value instanceof Date ? value : new Date(value)).toISOString();

function describeAlarms(ctx: HandlerContext, input: DescribeAlarmsInput) {
  if (input.AlarmNames?.length && input.AlarmNamePrefix !== undefined) {
    throw awsError('InvalidParameterCombination', 'AlarmNames and AlarmNamePrefix cannot be used together.');
  }
  if ((input.AlarmNames?.length ?? 0) > 100) throw invalid('AlarmNames may name at most 100 alarms.');
  const wantsMetricAlarms = !input.AlarmTypes?.length || input.AlarmTypes.includes('MetricAlarm');
  const alarms = ctx.regional.cloudwatch.alarms.filter(
    (alarm) =>
      wantsMetricAlarms &&
      (!input.AlarmNames?.length || input.AlarmNames.includes(alarm.AlarmName)) &&
      (input.AlarmNamePrefix === undefined || alarm.AlarmName.startsWith(input.AlarmNamePrefix)) &&
      (input.StateValue === undefined || alarm.StateValue === input.StateValue) &&
      (input.ActionPrefix === undefined || alarm.AlarmActions.some((action) => action.startsWith(input.ActionPrefix!))),
  );
  const page = paginate(alarms, (alarm) => alarm.AlarmName, {
    token: input.NextToken,
    pageSize: maxRecords(input.MaxRecords, 50),
    invalidToken,
  });
  return {
    MetricAlarms: page.items.map(({ history: _history, ...alarm }) => ({
      ActionsEnabled: true,
      OKActions: [],
      InsufficientDataActions: [],
      StateTransitionedTimestamp: alarm.StateUpdatedTimestamp,
      ...alarm,
    })),
    CompositeAlarms: [],
    NextToken: page.nextToken,
  };
}

function historyItem(alarm: AlarmRec, item: NonNullable<AlarmRec['history']>[number]) {
  return {
    AlarmName: alarm.AlarmName,
    AlarmType: 'MetricAlarm',
    Timestamp: item.Timestamp,
    HistoryItemType: 'StateUpdate',
    HistorySummary: `Alarm updated from ${item.oldState} to ${item.newState}`,
    HistoryData: JSON.stringify({
      version: '1.0',
      oldState: { stateValue: item.oldState },
      newState: { stateValue: item.newState, stateReason: item.reason ?? 'Threshold Crossed' },
    }),
  };
}

function describeAlarmHistory(ctx: HandlerContext, input: DescribeAlarmHistoryInput) {
  const start = toIso(input.StartDate);
  const end = toIso(input.EndDate);
  const wantsState = input.HistoryItemType === undefined || input.HistoryItemType === 'StateUpdate';
  const items = ctx.regional.cloudwatch.alarms
    .filter((alarm) => input.AlarmName === undefined || alarm.AlarmName === input.AlarmName)
    .flatMap((alarm) => (wantsState ? (alarm.history ?? []).map((item) => historyItem(alarm, item)) : []))
    .filter((item) => (!start || item.Timestamp >= start) && (!end || item.Timestamp <= end));
  // The page key orders items by time (newest first unless TimestampAscending), then by alarm name.
  const ascending = input.ScanBy === 'TimestampAscending';
  const keyOf = (item: { Timestamp: string; AlarmName: string }) => {
    const time = ascending ? item.Timestamp : String(9e15 - Date.parse(item.Timestamp)).padStart(16, '0');
    return `${time}|${item.AlarmName}`;
  };
  const page = paginate(items, keyOf, {
    token: input.NextToken,
    pageSize: maxRecords(input.MaxRecords, 50),
    invalidToken,
  });
  return { AlarmHistoryItems: page.items, NextToken: page.nextToken };
}

/** A stable number in [-1, 1] for one metric at one time. */
function noise(metric: MetricRec, time: number): number {
  const digest = createHash('sha256')
    .update(`${metric.Namespace}/${metric.MetricName}/${JSON.stringify(metric.Dimensions)}/${time}`)
    .digest();
  return (digest.readUInt32BE(0) / 0xffffffff) * 2 - 1;
}

const sameDimensions = (a: { Name?: string; Value?: string }[] = [], b: { Name: string; Value: string }[]) =>
  a.length === b.length && a.every((d) => b.some((e) => e.Name === d.Name && e.Value === d.Value));

function metricResult(ctx: HandlerContext, query: MetricDataQuery, start: number, end: number, descending: boolean) {
  if (!query.MetricStat) throw new NotImplementedInSandbox('CloudWatch', 'GetMetricData', 'Expression queries');
  const { Metric, Period } = query.MetricStat;
  if (!Period || Period < 1 || (Period >= 60 && Period % 60 !== 0)) {
    throw invalid(
      `The value ${Period} for parameter MetricDataQueries.member.${query.Id}.MetricStat.Period is not valid.`,
    );
  }
  const metric = ctx.regional.cloudwatch.metrics.find(
    (m) =>
      m.Namespace === Metric?.Namespace &&
      m.MetricName === Metric?.MetricName &&
      sameDimensions(Metric?.Dimensions, m.Dimensions),
  );
  const timestamps: string[] = [];
  const values: number[] = [];
  const periodMs = Period * 1000;
  const now = ctx.now().getTime();
  if (metric) {
    for (let time = Math.ceil(start / periodMs) * periodMs; time < end && time <= now; time += periodMs) {
      const spiking = metric.spike && time >= now - metric.spike.sinceMinutesAgo * 60_000;
      const level = spiking ? metric.spike!.value : metric.baseline;
      const value = Math.max(0, level + (metric.jitter ?? 0) * noise(metric, time));
      timestamps.push(new Date(time).toISOString());
      values.push(Math.round(value * 1000) / 1000);
    }
  }
  if (descending) {
    timestamps.reverse();
    values.reverse();
  }
  return {
    Id: query.Id,
    Label: query.Label ?? Metric?.MetricName ?? query.Id,
    Timestamps: timestamps,
    Values: values,
    StatusCode: 'Complete',
    Messages: [],
  };
}

function getMetricData(ctx: HandlerContext, input: GetMetricDataInput) {
  const queries = input.MetricDataQueries ?? [];
  if (!queries.length || queries.length > 500) throw invalid('MetricDataQueries must hold 1 to 500 queries.');
  for (const query of queries) {
    if (!query.Id || !/^[a-z][A-Za-z0-9_]*$/.test(query.Id)) {
      throw invalid(
        `The value ${query.Id} for parameter MetricDataQueries.member.Id is not valid: it must start with a lowercase letter.`,
      );
    }
  }
  const start = input.StartTime ? new Date(input.StartTime).getTime() : Number.NaN;
  const end = input.EndTime ? new Date(input.EndTime).getTime() : Number.NaN;
  if (Number.isNaN(start) || Number.isNaN(end))
    throw awsError('MissingParameter', 'StartTime and EndTime are required.');
  if (start >= end) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
  const descending = input.ScanBy !== 'TimestampAscending';
  const results = queries
    .filter((query) => query.ReturnData !== false)
    .map((query) => metricResult(ctx, query, start, end, descending));
  return { MetricDataResults: results, Messages: [] };
}

export const cloudWatchAlarmHandlers: Handlers = {
  DescribeAlarms: describeAlarms,
  DescribeAlarmHistory: describeAlarmHistory,
  GetMetricData: getMetricData,
};
