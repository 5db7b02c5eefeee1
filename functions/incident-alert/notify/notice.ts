// The runbook's communication templates for a CloudWatch alarm: "Initial Alert" on ALARM (impact = the alarm's
// description or reason, the recent datapoints as facts), "Resolution" on an OK that follows an ALARM (with its
// duration). The alarm ARN is the dedup key, so PagerDuty resolves exactly the incident the ALARM opened.

import type { Severity } from '../../shared/config/config.ts';
import type { Notice } from '../../shared/notify/message.ts';
import type { Assessment } from '../assess/assess.ts';
import { HISTORY_WINDOW_HOURS } from '../assess/input.ts';
import type { IncidentAlertSettings } from '../config.ts';

export type IncidentNotice = Omit<Notice, 'playbook' | 'link'>;

/** Datapoints shown in the message (the report has them all). */
const SHOWN_DATAPOINTS = 6;

export function severityOf(alarmName: string, settings: IncidentAlertSettings): Severity {
  const prefix = Object.keys(settings.severityByPrefix)
    .filter((candidate) => alarmName.startsWith(candidate))
    .sort((a, b) => b.length - a.length)[0];
  return prefix ? settings.severityByPrefix[prefix] : settings.defaultSeverity;
}

export function formatDuration(fromIso: string, toIso: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return [days ? `${days} d` : '', hours ? `${hours} h` : '', rest || (!days && !hours) ? `${rest} min` : '']
    .filter(Boolean)
    .join(' ');
}

const hhmm = (iso: string) => `${iso.slice(11, 16)}Z`;

export function datapointText(assessment: Assessment): string {
  const shown = assessment.datapoints.slice(-SHOWN_DATAPOINTS);
  if (!shown.length) return 'none in the last 30 minutes';
  return shown.map((point) => `${hhmm(point.timestamp)} ${point.value}`).join(', ');
}

/** Why no notice is sent (undefined: one is). */
export function silenceReason(assessment: Assessment): string | undefined {
  if (assessment.ignored) return assessment.ignored;
  if (assessment.state.value === 'INSUFFICIENT_DATA') return 'the alarm has insufficient data: nothing to tell';
  if (assessment.state.value === 'OK' && assessment.previousState !== 'ALARM') {
    return `OK after ${assessment.previousState ?? 'no state change in the last 24 hours'}: no ALARM to resolve`;
  }
  return undefined;
}

export function buildNotice(assessment: Assessment, severity: Severity): IncidentNotice | undefined {
  if (silenceReason(assessment)) return undefined;
  const { alarmName, region, metric, state } = assessment;
  const common = {
    severity,
    dedupKey: assessment.alarmArn,
    facts: {
      Alarm: alarmName,
      Region: region,
      ...(metric
        ? { Metric: `${metric.namespace} ${metric.name}${metric.dimensions ? ` (${metric.dimensions})` : ''}` }
        : {}),
      ...(metric ? { Condition: metric.condition } : {}),
    } as Record<string, string>,
  };
  if (state.value === 'ALARM') {
    return {
      ...common,
      kind: 'alert',
      title: `CloudWatch alarm ${alarmName} is in ALARM (${region})`,
      impact: assessment.description ?? state.reason ?? 'See the alarm',
      status: 'Investigating',
      nextUpdate: 'In 15 minutes',
      facts: {
        ...common.facts,
        'In ALARM since': assessment.alarmSince ?? state.timestamp,
        Reason: (state.reason ?? 'not given').slice(0, 300),
        'Recent datapoints': datapointText(assessment),
      },
    };
  }
  return {
    ...common,
    kind: 'resolved',
    title: `CloudWatch alarm ${alarmName} is OK again (${region})`,
    duration: assessment.alarmSince
      ? formatDuration(assessment.alarmSince, state.timestamp)
      : `unknown (the ALARM began more than ${HISTORY_WINDOW_HOURS} hours ago)`,
    nextSteps:
      severity === 'SEV1' || severity === 'SEV2' ? 'Post-mortem to be scheduled (runbook)' : 'Review the report',
    facts: {
      ...common.facts,
      ...(assessment.alarmSince ? { 'In ALARM from': assessment.alarmSince } : {}),
      'OK since': state.timestamp,
      Reason: (state.reason ?? 'not given').slice(0, 300),
    },
  };
}
