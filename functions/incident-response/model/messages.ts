// The runbook's "Communication Templates" for an incident: SERVICE DISRUPTION ALERT (opened or reopened, with the
// initial assessment), SERVICE DISRUPTION UPDATE (cadence, escalation, acknowledgement) and SERVICE RESTORED
// (duration, report link). The incident id is the PagerDuty dedup key, so the restore resolves what the alert
// paged. Data from alarms and inputs goes through the shared notify module, which shapes it per channel.
import type { Notice } from '../../shared/notify/message.ts';
import { howToAcknowledge } from './acknowledge-how.ts';
import { type Assessment, assessmentFacts } from './assessment.ts';
import { formatDuration, utcMinute } from './clock.ts';
import type { IncidentRecord } from './record.ts';
import type { SeveritySettings } from './severities.ts';

export type IncidentNotice = Omit<Notice, 'playbook'>;

const reasonText = (reason: string | undefined) => (reason ?? 'not given').slice(0, 300);

function common(record: IncidentRecord, severity: SeveritySettings) {
  return {
    severity: record.severity,
    dedupKey: record.id,
    facts: {
      Incident: record.id,
      Severity: `${record.severity}: ${severity.definition} (acknowledge within ${severity.responseMinutes} min)`,
      Alarm: `${record.source.alarmName} (${record.source.region})`,
    } as Record<string, string>,
  };
}

/** The war-room line of an alert: the channel created, or the one to open by hand. */
export function warRoomFact(record: IncidentRecord, channelPrefix: string): Record<string, string> {
  if (record.severity !== 'SEV1') return {};
  if (record.warRoom?.created) return { 'War room': `#${record.warRoom.channel} (created, responders invited)` };
  const channel = record.warRoom?.channel ?? `${channelPrefix}${record.id.toLowerCase()}`;
  return { 'War room': `open #${channel} in Slack and post the SEV1 declaration (no bot token configured)` };
}

/** SERVICE DISRUPTION ALERT: the incident opened (or reopened) with its initial assessment. */
export function alertNotice(
  record: IncidentRecord,
  severity: SeveritySettings,
  assessment: Assessment | undefined,
  extra: { stage: string; now: Date; warRoom: Record<string, string> },
): IncidentNotice {
  const base = common(record, severity);
  const reopened = record.openings > 1;
  const reason = record.reason;
  return {
    ...base,
    kind: 'alert',
    title: `${reopened ? 'Reopened: ' : ''}${record.id} ${record.source.alarmName} is in ALARM (${record.source.region})`,
    impact:
      record.source.description ?? assessment?.description ?? reason ?? `See the alarm ${record.source.alarmName}`,
    status: reopened ? 'Investigating (the alarm flapped back to ALARM)' : 'Investigating',
    nextUpdate: `In ${severity.updateMinutes} minutes`,
    facts: {
      ...base.facts,
      'In ALARM since': utcMinute(record.openedAt),
      Reason: reasonText(reason),
      ...(assessment ? assessmentFacts(assessment) : {}),
      ...extra.warRoom,
      ...howToAcknowledge(record, extra.stage, extra.now),
    },
  };
}

/** SERVICE DISRUPTION UPDATE: where the incident stands, who was escalated to, how to acknowledge. */
export function updateNotice(
  record: IncidentRecord,
  severity: SeveritySettings,
  extra: { stage: string; asOf: string; escalatedTo?: string[]; acknowledgedNow?: boolean; nextUpdateAt?: string },
): IncidentNotice {
  const base = common(record, severity);
  const ack = record.acknowledged;
  const status = ack
    ? `Acknowledged by ${ack.by} at ${utcMinute(ack.at)}; mitigation in progress`
    : extra.escalatedTo
      ? `Not acknowledged within ${severity.responseMinutes} min: escalated to ${extra.escalatedTo.join(' + ')}`
      : 'Investigating, not acknowledged yet';
  return {
    ...base,
    kind: 'update',
    title: `${record.id} ${extra.acknowledgedNow ? 'acknowledged' : 'update'}: ${record.source.alarmName} is ${record.alarmState}`,
    status,
    rootCause: 'Under investigation',
    eta: 'Unknown',
    workaround: 'None known yet',
    facts: {
      ...base.facts,
      'Alarm state': record.alarmState,
      'Open for': formatDuration(record.openedAt, extra.asOf),
      ...(extra.escalatedTo ? { 'Escalated to': extra.escalatedTo.join(', ') } : {}),
      ...(extra.nextUpdateAt ? { 'Next update': utcMinute(extra.nextUpdateAt) } : {}),
      ...howToAcknowledge(record, extra.stage, new Date(extra.asOf)),
    },
  };
}

/** SERVICE RESTORED: the alarm is OK again; duration, report link, next steps. */
export function restoredNotice(
  record: IncidentRecord,
  severity: SeveritySettings,
  extra: { reason: string; link?: string },
): IncidentNotice {
  const base = common(record, severity);
  const major = record.severity === 'SEV1' || record.severity === 'SEV2';
  return {
    ...base,
    kind: 'resolved',
    title: `${record.id} resolved: ${record.source.alarmName} is OK again (${record.source.region})`,
    duration: formatDuration(record.firstOpenedAt, record.restoredAt ?? record.openedAt),
    rootCause: 'To be determined (see the incident report)',
    nextSteps: major
      ? 'Post-mortem to be scheduled; fill in the report’s root cause and action items'
      : 'Review the incident report and fill in its root cause',
    ...(extra.link ? { link: extra.link } : {}),
    facts: {
      ...base.facts,
      'In ALARM from': utcMinute(record.firstOpenedAt),
      'OK since': utcMinute(record.restoredAt ?? record.openedAt),
      Reason: reasonText(extra.reason),
      ...(record.openings > 1 ? { Reopened: `${record.openings - 1} time(s) (flapping)` } : {}),
      ...(record.acknowledged ? { 'Acknowledged by': record.acknowledged.by } : {}),
    },
  };
}
