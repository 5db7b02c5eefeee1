// The guard alarms' states (DescribeAlarms, one page of up to 100 names; a name CloudWatch does not know is MISSING).
import { type CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';

/** Each named alarm's state: OK, ALARM, INSUFFICIENT_DATA, or MISSING. */
export async function alarmStates(client: CloudWatchClient, names: string[]) {
  if (!names.length) return [];
  const described = await client.send(new DescribeAlarmsCommand({ AlarmNames: names, MaxRecords: 100 }));
  const states = new Map(
    (described.MetricAlarms ?? []).map((alarm) => [alarm.AlarmName ?? '', alarm.StateValue ?? '']),
  );
  for (const alarm of described.CompositeAlarms ?? []) states.set(alarm.AlarmName ?? '', alarm.StateValue ?? '');
  return names.map((name) => ({ name, state: states.get(name) ?? 'MISSING' }));
}
