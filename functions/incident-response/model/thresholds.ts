// Alarms as code: the runbook's "Key Metrics and Thresholds" (monitoring-config.yaml) as stage config. The stack
// creates one CloudWatch alarm per enabled threshold (serverless/alarms-as-code.ts), tagged with its severity;
// defaults fit an ALB + Aurora + EC2/Auto Scaling estate. A threshold watches one metric, or a metric-math
// expression over named metrics (the error rate is 5XX over requests).
import * as z from 'zod';
import { Severity } from '../../shared/config/primitives.ts';

const Dimensions = z.record(z.string().min(1).max(255), z.string().min(1).max(1024));

/** One metric as CloudWatch names it. `statistic`: Sum, Average, Minimum, Maximum, SampleCount or pNN. */
export const MetricSpec = z.strictObject({
  namespace: z.string().min(1).max(255),
  name: z.string().min(1).max(255),
  statistic: z.string().regex(/^(Sum|Average|Minimum|Maximum|SampleCount|p\d{1,2}(\.\d{1,2})?)$/),
  dimensions: Dimensions.default({}),
});
export type MetricSpec = z.infer<typeof MetricSpec>;

/** A metric-math alarm: the expression (ids of `metrics`) compared with the threshold. */
export const ExpressionSpec = z.strictObject({
  expression: z.string().min(1).max(1024),
  /** The metrics the expression names, by id (lower-case first letter, as CloudWatch requires). */
  metrics: z.record(z.string().regex(/^[a-z][a-zA-Z0-9_]*$/), MetricSpec),
});
export type ExpressionSpec = z.infer<typeof ExpressionSpec>;

const Comparison = z.enum([
  'GreaterThanThreshold',
  'GreaterThanOrEqualToThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
]);

interface ThresholdDefaults {
  alarmName: string;
  description: string;
  severity: Severity;
  metric?: MetricSpec;
  expression?: ExpressionSpec;
  threshold: number;
  comparison?: z.infer<typeof Comparison>;
  periodSeconds: number;
  evaluationPeriods?: number;
}

/** One threshold; every key has the runbook's default, so a stage file changes single keys. */
function thresholdBlock(defaults: ThresholdDefaults) {
  return z
    .strictObject({
      /** false: the stack creates no alarm for it. */
      enabled: z.boolean().default(true),
      alarmName: z.string().min(1).max(200).default(defaults.alarmName),
      description: z.string().max(1024).default(defaults.description),
      /** Tagged on the alarm (`severity`); incident-response reads the tag. */
      severity: Severity.default(defaults.severity),
      /** The metric watched (null when `expression` is given). */
      metric: MetricSpec.nullable().default(defaults.metric ?? null),
      /** A metric-math expression watched instead of one metric (null when `metric` is given). */
      expression: ExpressionSpec.nullable().default(defaults.expression ?? null),
      threshold: z.number().default(defaults.threshold),
      comparison: Comparison.default(defaults.comparison ?? 'GreaterThanThreshold'),
      /** The runbook's window: one period of this many seconds (10, 30 or a multiple of 60). */
      periodSeconds: z
        .number()
        .int()
        .refine((s) => s === 10 || s === 30 || (s >= 60 && s % 60 === 0), '10, 30 or a multiple of 60 seconds')
        .default(defaults.periodSeconds),
      /** Periods that must breach in a row. */
      evaluationPeriods: z
        .number()
        .int()
        .min(1)
        .max(100)
        .default(defaults.evaluationPeriods ?? 1),
      /** SNS topics (ARNs) CloudWatch notifies itself, besides the EventBridge route to incident-response. */
      alarmActions: z.array(z.string().startsWith('arn:')).default([]),
    })
    .refine((t) => Boolean(t.metric) !== Boolean(t.expression), {
      message: 'exactly one of metric or expression (set the other to null)',
    })
    .prefault({});
}

const ALB = { LoadBalancer: 'app/idp-prod-alb/5f1c0a7e2b3d4e6f' };
const ASG = { AutoScalingGroupName: 'idp-api-gateway-asg' };
const AURORA = { DBClusterIdentifier: 'idp-aurora-primary' };
const alb = (name: string) => ({ namespace: 'AWS/ApplicationELB', name, statistic: 'Sum', dimensions: ALB });

/** The runbook's eight thresholds with their windows and severities (critical SEV2, warning SEV3, info SEV4). */
export const Thresholds = z
  .strictObject({
    api_latency_p99: thresholdBlock({
      alarmName: 'idp-api-latency-p99',
      description: 'Runbook api_latency_p99 (warning): p99 target response time above 1000 ms over 5 minutes',
      severity: 'SEV3',
      metric: { namespace: 'AWS/ApplicationELB', name: 'TargetResponseTime', statistic: 'p99', dimensions: ALB },
      threshold: 1,
      periodSeconds: 300,
    }),
    error_rate: thresholdBlock({
      alarmName: 'idp-high-error-rate',
      description: 'Runbook error_rate (critical): 5XX responses above 1 % of requests over 5 minutes',
      severity: 'SEV2',
      expression: {
        expression: '100 * errors / requests',
        metrics: { errors: alb('HTTPCode_Target_5XX_Count'), requests: alb('RequestCount') },
      },
      threshold: 1,
      periodSeconds: 300,
    }),
    request_rate: thresholdBlock({
      alarmName: 'idp-high-request-rate',
      description: 'Runbook request_rate (info): more than 10000 requests per second over 1 minute',
      severity: 'SEV4',
      expression: { expression: 'requests / PERIOD(requests)', metrics: { requests: alb('RequestCount') } },
      threshold: 10000,
      periodSeconds: 60,
    }),
    cpu_utilization: thresholdBlock({
      alarmName: 'idp-api-cpu-high',
      description: 'Runbook cpu_utilization (warning): average CPU of the API instances above 80 % over 5 minutes',
      severity: 'SEV3',
      metric: { namespace: 'AWS/EC2', name: 'CPUUtilization', statistic: 'Average', dimensions: ASG },
      threshold: 80,
      periodSeconds: 300,
    }),
    memory_utilization: thresholdBlock({
      alarmName: 'idp-api-memory-high',
      description: 'Runbook memory_utilization (critical): memory of the API instances above 90 % over 5 minutes',
      severity: 'SEV2',
      metric: { namespace: 'CWAgent', name: 'mem_used_percent', statistic: 'Average', dimensions: ASG },
      threshold: 90,
      periodSeconds: 300,
    }),
    disk_utilization: thresholdBlock({
      alarmName: 'idp-api-disk-high',
      description: 'Runbook disk_utilization (warning): disk of the API instances above 85 % over 10 minutes',
      severity: 'SEV3',
      metric: { namespace: 'CWAgent', name: 'disk_used_percent', statistic: 'Maximum', dimensions: ASG },
      threshold: 85,
      periodSeconds: 600,
    }),
    connection_count: thresholdBlock({
      alarmName: 'idp-db-connections-high',
      description:
        'Runbook connection_count (warning): connections above 80 % of max_connections (1000) over 5 minutes',
      severity: 'SEV3',
      expression: {
        expression: '100 * connections / 1000',
        metrics: {
          connections: { namespace: 'AWS/RDS', name: 'DatabaseConnections', statistic: 'Maximum', dimensions: AURORA },
        },
      },
      threshold: 80,
      periodSeconds: 300,
    }),
    replication_lag: thresholdBlock({
      alarmName: 'idp-aurora-replication-lag',
      description: 'Runbook replication_lag (critical): Aurora global replication lag above 1000 ms over 1 minute',
      severity: 'SEV2',
      metric: {
        namespace: 'AWS/RDS',
        name: 'AuroraGlobalDBReplicationLag',
        statistic: 'Maximum',
        dimensions: AURORA,
      },
      threshold: 1000,
      periodSeconds: 60,
    }),
  })
  .prefault({});
export type ThresholdSettings = z.output<typeof Thresholds>[keyof z.output<typeof Thresholds>];
