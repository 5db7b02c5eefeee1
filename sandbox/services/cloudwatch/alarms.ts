// CloudWatch alarms: DescribeAlarms and DescribeAlarmHistory for metric alarms (one metric, or metric math) and
// composite alarms. As on AWS, both operations return metric alarms only unless AlarmTypes asks for composites;
// one NextToken pages through both kinds. GetMetricData is in metric-data.ts, tags in tags.ts.
import type { DescribeAlarmHistoryInput, DescribeAlarmsInput } from '@aws-sdk/client-cloudwatch';
import { awsError } from '../../errors.ts';
import type { AlarmRec, CompositeAlarmRec } from '../../state.ts';
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

type AnyAlarm = { type: 'MetricAlarm'; alarm: AlarmRec } | { type: 'CompositeAlarm'; alarm: CompositeAlarmRec };

/** The region's alarms of the requested types (metric alarms only when AlarmTypes is omitted, as on AWS). */
function alarmsOfTypes(ctx: HandlerContext, types: string[] | undefined): AnyAlarm[] {
  const wants = (type: string) => (types?.length ? types.includes(type) : type === 'MetricAlarm');
  return [
    ...(wants('MetricAlarm')
      ? ctx.regional.cloudwatch.alarms.map((alarm) => ({ type: 'MetricAlarm' as const, alarm }))
      : []),
    ...(wants('CompositeAlarm')
      ? (ctx.regional.cloudwatch.compositeAlarms ?? []).map((alarm) => ({ type: 'CompositeAlarm' as const, alarm }))
      : []),
  ];
}

function describeAlarms(ctx: HandlerContext, input: DescribeAlarmsInput) {
  if (input.AlarmNames?.length && input.AlarmNamePrefix !== undefined) {
    throw awsError('InvalidParameterCombination', 'AlarmNames and AlarmNamePrefix cannot be used together.');
  }
  if ((input.AlarmNames?.length ?? 0) > 100) throw invalid('AlarmNames may name at most 100 alarms.');
  const alarms = alarmsOfTypes(ctx, input.AlarmTypes).filter(
    ({ alarm }) =>
      (!input.AlarmNames?.length || input.AlarmNames.includes(alarm.AlarmName)) &&
      (input.AlarmNamePrefix === undefined || alarm.AlarmName.startsWith(input.AlarmNamePrefix)) &&
      (input.StateValue === undefined || alarm.StateValue === input.StateValue) &&
      (input.ActionPrefix === undefined || alarm.AlarmActions.some((action) => action.startsWith(input.ActionPrefix!))),
  );
  const page = paginate(alarms, ({ alarm }) => alarm.AlarmName, {
    token: input.NextToken,
    pageSize: maxRecords(input.MaxRecords, 50),
    invalidToken,
  });
  const common = { ActionsEnabled: true, OKActions: [], InsufficientDataActions: [] };
  return {
    MetricAlarms: page.items.flatMap((item) => {
      if (item.type !== 'MetricAlarm') return [];
      const { history: _history, Tags: _tags, ...alarm } = item.alarm;
      return [{ ...common, StateTransitionedTimestamp: alarm.StateUpdatedTimestamp, ...alarm }];
    }),
    CompositeAlarms: page.items.flatMap((item) => {
      if (item.type !== 'CompositeAlarm') return [];
      const { history: _history, Tags: _tags, ...alarm } = item.alarm;
      return [{ ...common, StateTransitionedTimestamp: alarm.StateUpdatedTimestamp, ...alarm }];
    }),
    NextToken: page.nextToken,
  };
}

function historyItem(
  type: AnyAlarm['type'],
  alarm: AlarmRec | CompositeAlarmRec,
  item: NonNullable<AlarmRec['history']>[number],
) {
  return {
    AlarmName: alarm.AlarmName,
    AlarmType: type,
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
  const items = alarmsOfTypes(ctx, input.AlarmTypes)
    .filter(({ alarm }) => input.AlarmName === undefined || alarm.AlarmName === input.AlarmName)
    .flatMap(({ type, alarm }) =>
      wantsState ? (alarm.history ?? []).map((item) => historyItem(type, alarm, item)) : [],
    )
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

export const cloudWatchAlarmHandlers: Handlers = {
  DescribeAlarms: describeAlarms,
  DescribeAlarmHistory: describeAlarmHistory,
};
