// incident-response's block under `playbooks.incidentResponse` in config/*.yml.
import * as z from 'zod';
import { SecretRef, Severity, timeZone } from '../shared/config/primitives.ts';
import { MitigationRule } from './model/mitigations.ts';
import { Severities, SeverityRule } from './model/severities.ts';
import { Thresholds } from './model/thresholds.ts';

const ALARM_NAME_PREFIX = z.string().min(1).max(255);

export const IncidentResponse = z.strictObject({
  /** CloudWatch alarms whose names start with one of these start incident-response; written as plain prefixes,
   *  held as the EventBridge prefix matchers of the rule on detail.alarmName ({prefix} is accepted too). */
  alarmNamePrefixes: z
    .array(
      z.union([ALARM_NAME_PREFIX.transform((prefix) => ({ prefix })), z.strictObject({ prefix: ALARM_NAME_PREFIX })]),
    )
    .min(1)
    .default([{ prefix: 'idp-' }]),
  /** Alarms carrying one of these tags (key -> value, `*` any value) are handled too, whatever their name; the rule
   *  then takes every alarm state change and the first step reads the alarm's tags. */
  alarmTags: z.record(z.string().min(1).max(128), z.string().min(1).max(256)).default({}),
  /** Alarm names (`*` patterns) never handled: incident-response's own alarms, which notify the topic directly, so a
   *  failing incident path never feeds itself. */
  ignoreAlarmNames: z
    .array(z.string().min(1).max(255))
    .default(['idp-autopilot-*-incident-response-*', 'idp-autopilot-*-incident*-errors']),
  /** Severity when the alarm has no `severity` tag: the first matching name pattern wins. */
  severityByName: z.array(SeverityRule).default([
    { pattern: 'idp-autopilot-*-Executions*', severity: 'SEV2' },
    { pattern: 'idp-autopilot-*-errors', severity: 'SEV3' },
    { pattern: 'idp-prod-*', severity: 'SEV2' },
  ]),
  /** Severity when neither tag nor pattern says. */
  defaultSeverity: Severity.default('SEV3'),
  /** Per severity: definition, response time, update cadence, paging, Slack channel, escalation levels. */
  severities: Severities,
  /** The time zone whose calendar day numbers incidents (INC-YYYYMMDD-NNN). */
  timeZone: timeZone.default('UTC'),
  /** ALARM again within this many minutes of the recovery reopens the same incident. */
  flapWindowMinutes: z.number().int().min(0).max(1440).default(30),
  /** Checks one execution makes before it hands the incident to a fresh one (bounds execution history). */
  checksPerExecution: z.number().int().min(1).max(1000).default(96),
  /** How long the acknowledgement link (task token) of an alert stays valid. */
  acknowledgeLinkHours: z.number().int().min(1).max(168).default(24),
  /** SEV1 war room: a Slack channel created with the Web API when a bot token is configured. */
  warRoom: z
    .strictObject({
      /** Slack bot token (scopes channels:manage, chat:write); without it the alert names the channel to open. */
      botToken: SecretRef.optional(),
      /** Slack user ids invited to the channel. */
      responders: z.array(z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'a Slack user id such as U0123ABCD')).default([]),
      /** The channel is `<prefix><incident id, lower case>` (the runbook's #incident-$INCIDENT_ID). */
      channelPrefix: z
        .string()
        .regex(/^[a-z0-9_-]{0,40}$/)
        .default('incident-'),
      /** Create a private channel. */
      private: z.boolean().default(false),
      /** Who the declaration names as incident commander. */
      incidentCommander: z.string().min(1).max(64).default('@oncall-engineer'),
    })
    .prefault({}),
  /** The initial assessment attached to the alert. */
  assessment: z
    .strictObject({
      /** Minutes of datapoints read (GetMetricData). */
      datapointMinutes: z.number().int().min(5).max(180).default(30),
      /** Hours of autopilot's own changes listed (from the audit trail journal). */
      recentChangesHours: z.number().int().min(1).max(168).default(24),
    })
    .prefault({}),
  /** Actions that start when an incident opens for a matching alarm. */
  mitigations: z.array(MitigationRule).default([]),
  /** A mitigation waiting for approval fails after this many seconds without an answer. */
  mitigationApprovalSeconds: z.number().int().min(60).max(86400).default(1800),
  /** The runbook's thresholds: one CloudWatch alarm each in the stack (serverless/alarms-as-code.ts). Checked in
   *  full here but kept as the stage wrote them: no function reads them, so a function's environment carries a
   *  stage's overrides only; thresholdsOf() applies the defaults (model/thresholds.ts). */
  thresholds: z
    .record(z.string(), z.unknown())
    .default({})
    .superRefine((raw, ctx) => {
      const checked = Thresholds.safeParse(raw);
      if (checked.success) return;
      for (const issue of checked.error.issues)
        ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }),
});

/** The block with its defaults applied. */
export type IncidentResponseSettings = z.output<typeof IncidentResponse>;

/** The thresholds with their defaults (the runbook's eight), for the alarms-as-code generator. */
export const thresholdsOf = (settings: IncidentResponseSettings) => Thresholds.parse(settings.thresholds);
