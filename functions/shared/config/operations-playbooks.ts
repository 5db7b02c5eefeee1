// Config blocks of the scheduled operations playbooks (one per playbook).
import * as z from 'zod';
import { Schedule, Severity } from './primitives.ts';

export const GuarddutyHardening = z.strictObject({
  schedule: Schedule,
  findingPublishingFrequency: z.enum(['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS']).default('FIFTEEN_MINUTES'),
});

export const ComplianceEvaluation = z.strictObject({
  schedule: Schedule,
  /** Only rules whose name starts with one of these; empty means every rule in the region. */
  ruleNamePrefixes: z.array(z.string().min(1)).default([]),
  /** How long the state machine waits for evaluations before reading compliance. */
  evaluationWaitSeconds: z.number().int().min(0).max(3600).default(120),
  /** Reading compliance is retried this many times while evaluations are still running. */
  maxPolls: z.number().int().min(1).max(20).default(5),
});

export const CostReport = z.strictObject({
  /** Daily run; its time zone also decides which day is "today" and so which month is reported. */
  schedule: Schedule,
  /** Monthly budget (USD, spend before credits and refunds) the projected month is compared with; none: no alert. */
  monthlyBudgetUsd: z.number().positive().optional(),
  /** Severity of the notice when the projected month exceeds the budget (PagerDuty pages at its minSeverity). */
  budgetAlertSeverity: Severity.default('SEV3'),
  /** The chart stacks this many top services per day and sums the rest as "Other". */
  chartTopServices: z.number().int().min(1).max(20).default(8),
  /** How many top movers the report lists per comparison (day over day, same days last month). */
  topMovers: z.number().int().min(1).max(20).default(5),
  /** Anomalies whose total impact (USD) is below this are not asked for. */
  minAnomalyImpactUsd: z.number().min(0).default(1),
});

export const NightlyCleanup = z.strictObject({
  /** Nightly run over every configured region (cron and time zone). */
  schedule: Schedule,
  /** What a run does when its input names no mode: report (changes nothing), mark (tags first sightings), delete
   * (also deletes what carries a due mark). A new stage starts in report; a stage opts into mark or delete. */
  mode: z.enum(['report', 'mark', 'delete']).default('report'),
  /** Resource types a run covers when its input names none. */
  resourceTypes: z
    .array(z.enum(['volume', 'snapshot', 'address']))
    .min(1)
    .default(['volume', 'snapshot', 'address']),
  /** Own snapshots older than this many days are candidates; younger ones are not looked at further. */
  snapshotAgeDays: z.number().int().min(1).max(3650).default(90),
  /** Resources created less than this many days ago are skipped (volumes; snapshots when it exceeds snapshotAgeDays;
   * Elastic IPs carry no creation time, the grace period is their age guard). */
  minAgeDays: z.number().int().min(0).max(3650).default(7),
  /** Days between the mark announced in a report and the earliest deletion. */
  gracePeriodDays: z.number().int().min(1).max(365).default(7),
  finalSnapshot: z
    .strictObject({
      /** Before a volume is deleted, a snapshot tagged with its origin is taken and must complete. */
      enabled: z.boolean().default(true),
      /** Seconds the state machine waits between checks of pending final snapshots. */
      waitSeconds: z.number().int().min(0).max(3600).default(60),
      /** Checks before a run gives up waiting (the volume stays marked and a later run deletes it). */
      maxPolls: z.number().int().min(1).max(100).default(30),
    })
    .prefault({}),
  safetyCap: z
    .strictObject({
      /** A run whose due deletions exceed this stops before deleting anything and alerts. */
      maxDeletionsPerRun: z.number().int().min(1).max(5000).default(100),
      /** The same as a share (0..1] of the resources the run looked at; the lower of both limits applies. */
      maxEstateShare: z.number().gt(0).max(1).default(0.1),
    })
    .prefault({}),
  /** Resources carrying one of these tag keys are never touched (e.g. EBS CSI volumes of Kubernetes PVCs). */
  protectedTagKeys: z.array(z.string().min(1).max(128)).default(['kubernetes.io/created-for/pvc/name']),
  batchSize: z
    .strictObject({
      /** Resources per tagging batch (one Lambda invocation; CreateTags takes them in calls of 200). */
      tag: z.number().int().min(1).max(2000).default(500),
      /** Resources per deletion batch (one Lambda invocation). */
      delete: z.number().int().min(1).max(200).default(25),
    })
    .prefault({}),
  /** AWS calls in flight per batch (the state machine runs at most 4 batches at once). */
  concurrency: z.number().int().min(1).max(16).default(4),
  prices: z
    .strictObject({
      /** USD per GB-month of EBS volume storage, by volume type (unknown types use `standard`). */
      volumeGbMonth: z
        .record(z.string(), z.number().min(0))
        .default({ gp3: 0.08, gp2: 0.1, io1: 0.125, io2: 0.125, st1: 0.045, sc1: 0.015, standard: 0.05 }),
      /** USD per GB-month of a standard-tier snapshot (billing counts changed blocks: the figure is an upper bound). */
      snapshotGbMonth: z.number().min(0).default(0.05),
      /** USD per GB-month of an archive-tier snapshot. */
      snapshotArchiveGbMonth: z.number().min(0).default(0.0125),
      /** USD per hour of an idle public IPv4 address. */
      publicIpv4Hour: z.number().min(0).default(0.005),
      /** Hours in a billing month. */
      hoursPerMonth: z.number().min(1).default(730),
    })
    .prefault({}),
});

const ALARM_NAME_PREFIX = z.string().min(1).max(255);

export const IncidentAlert = z.strictObject({
  /** CloudWatch alarms whose names start with one of these start incident-alert; written as plain prefixes, held
   *  as the EventBridge prefix matchers of the rule on detail.alarmName ({prefix} is accepted too). */
  alarmNamePrefixes: z
    .array(
      z.union([ALARM_NAME_PREFIX.transform((prefix) => ({ prefix })), z.strictObject({ prefix: ALARM_NAME_PREFIX })]),
    )
    .min(1)
    .default([{ prefix: 'idp-' }]),
  /** Alarms starting with one of these are left alone: the stack's own alarms already notify its topic. */
  ignoreAlarmNamePrefixes: z.array(ALARM_NAME_PREFIX).default(['idp-autopilot-']),
  /** Severity per alarm name prefix; the longest matching prefix wins. */
  severityByPrefix: z.record(ALARM_NAME_PREFIX, Severity).default({ 'idp-prod-': 'SEV2' }),
  /** Severity of an alarm no prefix in severityByPrefix matches. */
  defaultSeverity: Severity.default('SEV3'),
});
