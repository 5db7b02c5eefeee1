// The initial assessment (runbook SEV1 playbook, "Initial Assessment"): the alarm and what it watches, the last
// minutes of its values, a composite's children in ALARM, open AWS Health events for the affected services and
// region, autopilot's own recent changes. What cannot be read is named in `gaps`; the alert goes out regardless.
import type { CloudWatchClient, MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { HealthClient } from '@aws-sdk/client-health';
import type { S3Client } from '@aws-sdk/client-s3';
import { logger } from '../../shared/handler/logger.ts';
import type { Assessment } from '../model/assessment.ts';
import { childStates, conditionText, describeAlarm, watchesText } from './alarm.ts';
import { recentChanges } from './changes.ts';
import { recentDatapoints } from './datapoints.ts';
import { openHealthEvents, servicesFor } from './health.ts';

export interface AssessDeps {
  cloudwatch: CloudWatchClient;
  /** The Health API's global endpoint (us-east-1). */
  health: HealthClient;
  s3: S3Client;
  bucket: string;
  now: Date;
  datapointMinutes: number;
  recentChangesHours: number;
}

function namespacesOf(alarm: MetricAlarm): string[] {
  const inMath = (alarm.Metrics ?? []).flatMap((query) => query.MetricStat?.Metric?.Namespace ?? []);
  return [...(alarm.Namespace ? [alarm.Namespace] : []), ...inMath];
}

async function orGap<T>(gaps: string[], what: string, read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    logger.warn('assessment: could not read', { what, error: (error as Error).message });
    gaps.push(`${what}: ${(error as Error).name}`);
    return fallback;
  }
}

/** Assesses the alarm `name` in `region` as of the ALARM at `alarmAt`. @throws ResourceNotFoundError for no alarm. */
export async function assess(
  alarm: { name: string; region: string; alarmAt: string },
  deps: AssessDeps,
): Promise<Assessment> {
  const described = await describeAlarm(deps.cloudwatch, alarm.name, alarm.region);
  const gaps: string[] = [];
  const metric = described.type === 'metric' ? described.alarm : undefined;
  const composite = described.type === 'composite' ? described.alarm : undefined;
  const children = composite
    ? await orGap(gaps, 'child alarms', () => childStates(deps.cloudwatch, composite.AlarmRule ?? ''), [])
    : [];
  const datapoints = metric
    ? await orGap(
        gaps,
        'datapoints',
        () => recentDatapoints(deps.cloudwatch, metric, deps.now, deps.datapointMinutes),
        [],
      )
    : [];
  const namespaces = metric ? namespacesOf(metric) : [];
  const health = await orGap(
    gaps,
    'AWS Health',
    () => openHealthEvents(deps.health, servicesFor(namespaces), alarm.region),
    { checked: false, note: 'read failed', events: [] },
  );
  const items = await orGap(
    gaps,
    'audit-trail journal',
    () =>
      recentChanges(deps.s3, deps.bucket, {
        alarmAt: new Date(alarm.alarmAt),
        now: deps.now,
        hours: deps.recentChangesHours,
      }),
    [],
  );
  return {
    alarmName: alarm.name,
    region: alarm.region,
    kind: composite ? 'composite' : metric?.Metrics?.length ? 'math' : 'metric',
    description: (metric ?? composite)?.AlarmDescription,
    watches: composite ? `alarm rule ${composite.AlarmRule}` : watchesText(metric!),
    ...(metric ? { condition: conditionText(metric) } : {}),
    children,
    datapoints,
    datapointMinutes: deps.datapointMinutes,
    health,
    changes: { hours: deps.recentChangesHours, items },
    gaps,
  };
}
