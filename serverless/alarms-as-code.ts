// Alarms as code: one AWS::CloudWatch::Alarm per enabled threshold of the stage config
// (playbooks.incidentResponse.thresholds, the runbook's "Key Metrics and Thresholds"), tagged with its severity so
// incident-response classifies it; a threshold on one metric becomes a metric alarm, one on an expression a
// metric-math alarm (the expression returns data, its metrics do not). They reach incident-response through its
// EventBridge rule (every state change of an alarm named with the configured prefixes); CloudWatch notifies
// `alarmActions` itself only when a stage lists topics there. serverless/alarms-as-code.cjs hands them to
// serverless.yml's resources.
import { thresholdsOf } from '../functions/incident-response/config.ts';
import type { MetricSpec, ThresholdSettings } from '../functions/incident-response/model/thresholds.ts';
import type { Config } from '../functions/playbooks.ts';

/** Marks an alarm as generated from a runbook threshold (its value is the threshold's name). */
export const THRESHOLD_TAG = 'autopilot:runbook-threshold';

type Resource = { Type: string; Properties: Record<string, unknown> };

const pascal = (key: string) => key.replace(/(^|_)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());

const operators: Record<string, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '>=',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

const dimensionsOf = (metric: MetricSpec) =>
  Object.entries(metric.dimensions).map(([Name, Value]) => ({ Name, Value }));

/** Statistic or ExtendedStatistic (pNN), as PutMetricAlarm / CloudFormation take them. */
const statisticOf = (metric: MetricSpec) =>
  /^p\d/.test(metric.statistic) ? { ExtendedStatistic: metric.statistic } : { Statistic: metric.statistic };

function condition(t: ThresholdSettings): string {
  const watched = t.metric
    ? `${t.metric.statistic} of ${t.metric.namespace} ${t.metric.name}`
    : t.expression!.expression;
  const window = t.periodSeconds * t.evaluationPeriods;
  return `${t.severity}: ${watched} ${operators[t.comparison]} ${t.threshold} over ${window / 60} min`;
}

function watched(t: ThresholdSettings): Record<string, unknown> {
  if (t.metric) {
    return {
      Namespace: t.metric.namespace,
      MetricName: t.metric.name,
      Dimensions: dimensionsOf(t.metric),
      ...statisticOf(t.metric),
      Period: t.periodSeconds,
    };
  }
  const { expression, metrics } = t.expression!;
  return {
    Metrics: [
      { Id: 'value', Expression: expression, Label: expression, ReturnData: true },
      ...Object.entries(metrics).map(([Id, metric]) => ({
        Id,
        MetricStat: {
          Metric: { Namespace: metric.namespace, MetricName: metric.name, Dimensions: dimensionsOf(metric) },
          Period: t.periodSeconds,
          Stat: metric.statistic,
        },
        ReturnData: false,
      })),
    ],
  };
}

/** `IncidentThreshold<Name>Alarm` -> the alarm, for every enabled threshold of the stage. */
export function thresholdAlarmResources(config: Config, stage: string): Record<string, Resource> {
  const thresholds: Record<string, ThresholdSettings> = thresholdsOf(config.playbooks.incidentResponse);
  const resources: Record<string, Resource> = {};
  for (const [key, t] of Object.entries(thresholds)) {
    if (!t.enabled) continue;
    resources[`IncidentThreshold${pascal(key)}Alarm`] = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: t.alarmName,
        AlarmDescription: `${t.description} [${condition(t)}]`.slice(0, 1024),
        ComparisonOperator: t.comparison,
        Threshold: t.threshold,
        EvaluationPeriods: t.evaluationPeriods,
        TreatMissingData: 'missing',
        ...watched(t),
        ActionsEnabled: true,
        AlarmActions: t.alarmActions,
        Tags: [
          { Key: 'severity', Value: t.severity },
          { Key: THRESHOLD_TAG, Value: key },
          { Key: 'autopilot:stage', Value: stage },
        ],
      },
    };
  }
  return resources;
}
