// The runbook's "Initial Assessment" of an incident, attached to the alert and kept beside the record
// (incidents/assessments/<INC-id>-<opening>.json): what the alarm watches, its recent values, which children of a
// composite alarm are in ALARM, open AWS Health events for the affected services, and autopilot's recent changes.
import type { RecentChange } from './journal.ts';
import type { AlarmKind, AlarmState } from './record.ts';

export interface Datapoint {
  timestamp: string;
  value: number;
}

export interface ChildAlarm {
  name: string;
  state: AlarmState;
  reason?: string;
}

export interface HealthEvent {
  service: string;
  eventTypeCode: string;
  region: string;
  statusCode: string;
  startTime?: string;
  arn: string;
}

export interface Assessment {
  alarmName: string;
  region: string;
  kind: AlarmKind;
  description?: string;
  /** Metric: "AWS/ApplicationELB TargetResponseTime (LoadBalancer=...)"; math: the expression and its metrics;
   *  composite: the alarm rule. */
  watches: string;
  /** "p99 > 1 for 1 x 300 s". */
  condition?: string;
  /** Composite alarms: the children and their states (those in ALARM first). */
  children: ChildAlarm[];
  /** The last minutes of the watched metric (or the expression's values), oldest first. */
  datapoints: Datapoint[];
  datapointMinutes: number;
  health: { checked: boolean; note?: string; events: HealthEvent[] };
  changes: { hours: number; items: RecentChange[] };
  /** What could not be read (each a short reason); the rest of the assessment stands. */
  gaps: string[];
}

/** Datapoints shown in messages (the assessment has them all). */
const SHOWN_DATAPOINTS = 6;

const hhmm = (iso: string) => `${iso.slice(11, 16)}Z`;

/** "08:10Z 180, 08:15Z 182" or what is missing. */
export function datapointText(assessment: Assessment): string {
  const shown = assessment.datapoints.slice(-SHOWN_DATAPOINTS);
  if (!shown.length) return `none in the last ${assessment.datapointMinutes} minutes`;
  return shown.map((point) => `${hhmm(point.timestamp)} ${Math.round(point.value * 1000) / 1000}`).join(', ');
}

/** One line per finding, for message facts. */
export function assessmentFacts(assessment: Assessment): Record<string, string> {
  const inAlarm = assessment.children.filter((child) => child.state === 'ALARM').map((child) => child.name);
  return {
    Watches: assessment.watches,
    ...(assessment.condition ? { Condition: assessment.condition } : {}),
    ...(assessment.kind === 'composite'
      ? { 'Children in ALARM': inAlarm.length ? inAlarm.join(', ') : 'none reported' }
      : { [`Last ${assessment.datapointMinutes} min`]: datapointText(assessment) }),
    'AWS Health': !assessment.health.checked
      ? `not checked (${assessment.health.note})`
      : assessment.health.events.length
        ? assessment.health.events
            .map((e) => `${e.service} ${e.eventTypeCode} (${e.region}, ${e.statusCode})`)
            .join('; ')
        : 'no open events for the affected services',
    'Autopilot changes': assessment.changes.items.length
      ? assessment.changes.items
          .slice(-5)
          .map((c) => `${hhmm(c.time)} ${c.playbook}: ${c.action} ${c.resource}`)
          .join('; ')
      : `none in the last ${assessment.changes.hours} h`,
  };
}
