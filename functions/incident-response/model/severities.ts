// The runbook's "Severity Level Classification" as config: per severity its definition, response time, update
// cadence, whether it pages, and who it escalates to (levels, in order) when nobody acknowledges in time.
import * as z from 'zod';
import { SecretRef, Severity } from '../../shared/config/primitives.ts';

/** One escalation level: who is told next, and optionally a PagerDuty service (routing key) that pages them. */
export const EscalationLevel = z.strictObject({
  /** Who is escalated to, as the messages name them (e.g. "Engineering Manager"). */
  contacts: z.array(z.string().min(1).max(64)).min(1),
  /** The PagerDuty Events v2 routing key of their service; without one the severity's channels carry it. */
  pagerdutyRoutingKey: SecretRef.optional(),
});
export type EscalationLevel = z.infer<typeof EscalationLevel>;

/** A Slack incoming webhook for one severity's messages (instead of `notifications.slack`). */
const SlackChannel = z.strictObject({ webhookUrl: SecretRef, channelName: z.string().optional() });

interface SeverityDefaults {
  definition: string;
  responseMinutes: number;
  updateMinutes: number;
  page: boolean;
  escalation: EscalationLevel[];
}

/** One severity's block; every key has its runbook default, so a stage overrides single keys. */
function severityBlock(defaults: SeverityDefaults) {
  return z
    .strictObject({
      /** The runbook's definition, shown in every message. */
      definition: z.string().min(1).max(200).default(defaults.definition),
      /** Minutes within which a human must acknowledge; then the next escalation level is told. */
      responseMinutes: z.number().int().min(1).max(1440).default(defaults.responseMinutes),
      /** Minutes between "SERVICE DISRUPTION UPDATE" messages while the alarm is not OK. */
      updateMinutes: z.number().int().min(5).max(1440).default(defaults.updateMinutes),
      /** Page through PagerDuty (Events v2, dedup key = incident id) in addition to SNS and Slack. */
      page: z.boolean().default(defaults.page),
      /** This severity's Slack channel; default `notifications.slack`. */
      slack: SlackChannel.optional(),
      /** Escalation levels, in order: one more each time the response time passes unacknowledged. */
      escalation: z.array(EscalationLevel).default(defaults.escalation),
    })
    .prefault({});
}

/** The runbook's table: response time 5 min / 15 min / 1 h / 4 h; escalation CTO + VP Engineering / Engineering
 *  Manager / Team Lead / On-call Engineer (each severity then escalates on to the next one's contacts). */
export const Severities = z
  .strictObject({
    SEV1: severityBlock({
      definition: 'Complete platform outage',
      responseMinutes: 5,
      updateMinutes: 15,
      page: true,
      escalation: [{ contacts: ['CTO', 'VP Engineering'] }],
    }),
    SEV2: severityBlock({
      definition: 'Major feature unavailable',
      responseMinutes: 15,
      updateMinutes: 15,
      page: true,
      escalation: [{ contacts: ['Engineering Manager'] }, { contacts: ['CTO', 'VP Engineering'] }],
    }),
    SEV3: severityBlock({
      definition: 'Minor feature degradation',
      responseMinutes: 60,
      updateMinutes: 15,
      page: false,
      escalation: [{ contacts: ['Team Lead'] }, { contacts: ['Engineering Manager'] }],
    }),
    SEV4: severityBlock({
      definition: 'Non-critical issue',
      responseMinutes: 240,
      updateMinutes: 60,
      page: false,
      escalation: [{ contacts: ['On-call Engineer'] }, { contacts: ['Team Lead'] }],
    }),
  })
  .prefault({});
export type SeveritySettings = z.output<typeof Severities>[Severity];

/** A name pattern (`*` matches any run of characters) and the severity of the alarms it matches. */
export const SeverityRule = z.strictObject({
  pattern: z.string().min(1).max(255),
  severity: Severity,
});

/** `*` wildcards -> an anchored RegExp (everything else literal). */
export function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

/** Whether `name` matches the glob `pattern` (`*` = any characters). */
export const matchesGlob = (pattern: string, name: string) => globToRegExp(pattern).test(name);
