// What an alarm watches: a metric, a metric-math expression over metrics, or (composite) other alarms, with the
// states of those children now. One DescribeAlarms for the alarm (both types), one for a composite's children.
import {
  type CloudWatchClient,
  type CompositeAlarm,
  DescribeAlarmsCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { ResourceNotFoundError } from '../../shared/errors/errors.ts';
import type { ChildAlarm } from '../model/assessment.ts';
import type { AlarmState } from '../model/record.ts';

const comparisons: Record<string, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '>=',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

export type DescribedAlarm = { type: 'metric'; alarm: MetricAlarm } | { type: 'composite'; alarm: CompositeAlarm };

/** The alarm by name (metric or composite). @throws ResourceNotFoundError when it does not exist in `region`. */
export async function describeAlarm(
  cloudwatch: CloudWatchClient,
  name: string,
  region: string,
): Promise<DescribedAlarm> {
  const found = await cloudwatch.send(
    new DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
  );
  const metric = found.MetricAlarms?.find((alarm) => alarm.AlarmName === name);
  if (metric) return { type: 'metric', alarm: metric };
  const composite = found.CompositeAlarms?.find((alarm) => alarm.AlarmName === name);
  if (composite) return { type: 'composite', alarm: composite };
  throw new ResourceNotFoundError(`CloudWatch alarm "${name}" not found in ${region}`);
}

const dimensionText = (dimensions: { Name?: string; Value?: string }[] | undefined) =>
  (dimensions ?? []).map((d) => `${d.Name}=${d.Value}`).join(', ');

/** "AWS/EC2 CPUUtilization (AutoScalingGroupName=...)", or the expression with the metrics it names. */
export function watchesText(alarm: MetricAlarm): string {
  if (alarm.Metrics?.length) {
    const expression = alarm.Metrics.find((query) => query.Expression && query.ReturnData !== false);
    const inputs = alarm.Metrics.filter((query) => query.MetricStat).map((query) => {
      const { Metric, Stat } = query.MetricStat!;
      return `${query.Id} = ${Stat} of ${Metric?.Namespace} ${Metric?.MetricName} (${dimensionText(Metric?.Dimensions)})`;
    });
    return `${expression?.Expression ?? 'an expression'} where ${inputs.join('; ')}`;
  }
  const dimensions = dimensionText(alarm.Dimensions);
  return `${alarm.Namespace} ${alarm.MetricName}${dimensions ? ` (${dimensions})` : ''}`;
}

/** "Sum > 50 for 1 x 300 s" (math alarms: "value > 1 for ..."). */
export function conditionText(alarm: MetricAlarm): string {
  const stat = alarm.Metrics?.length ? 'value' : (alarm.Statistic ?? alarm.ExtendedStatistic ?? 'Average');
  const period = alarm.Period ?? alarm.Metrics?.find((query) => query.MetricStat)?.MetricStat?.Period ?? 60;
  const operator = comparisons[alarm.ComparisonOperator ?? ''] ?? alarm.ComparisonOperator;
  return `${stat} ${operator} ${alarm.Threshold} for ${alarm.EvaluationPeriods} x ${period} s`;
}

/** Alarm names in a composite's rule: ALARM(name), OK("name"), ALARM("arn:...:alarm:name"), AT_LEAST(.., (a, b)). */
export function childrenOfRule(rule: string): string[] {
  const names = new Set<string>();
  const strip = (token: string) => {
    const name = token.trim().replace(/^"|"$/g, '');
    return name.includes(':alarm:') ? name.slice(name.indexOf(':alarm:') + 7) : name;
  };
  for (const match of rule.matchAll(/\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*("[^"]+"|[^()\s,]+)\s*\)/g)) {
    names.add(strip(match[1]));
  }
  for (const match of rule.matchAll(/AT_LEAST\s*\([^,]+,[^,]+,\s*\(([^)]*)\)\s*\)/g)) {
    for (const token of match[1].split(',')) if (token.trim()) names.add(strip(token));
  }
  return [...names];
}

/** The children a composite's rule names, with their states now (those in ALARM first). */
export async function childStates(cloudwatch: CloudWatchClient, rule: string): Promise<ChildAlarm[]> {
  const names = childrenOfRule(rule).slice(0, 100);
  if (!names.length) return [];
  const found = await cloudwatch.send(
    new DescribeAlarmsCommand({ AlarmNames: names, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
  );
  const all = [...(found.MetricAlarms ?? []), ...(found.CompositeAlarms ?? [])];
  return names
    .map((name) => {
      const alarm = all.find((candidate) => candidate.AlarmName === name);
      return {
        name,
        state: (alarm?.StateValue ?? 'INSUFFICIENT_DATA') as AlarmState,
        reason: alarm ? alarm.StateReason : 'not found',
      };
    })
    .sort((a, b) => Number(b.state === 'ALARM') - Number(a.state === 'ALARM'));
}
