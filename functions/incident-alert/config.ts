// incident-alert's block under `playbooks.incidentAlert` in config/*.yml.
import * as z from 'zod';
import { Severity } from '../shared/config/primitives.ts';

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

/** The block with its defaults applied. */
export type IncidentAlertSettings = z.output<typeof IncidentAlert>;
