// The incident record: one JSON object per incident in the reports bucket, `incidents/records/<INC-id>.json`,
// changed only by conditional writes (If-Match on its ETag), so concurrent steps (an update, an acknowledgement,
// the OK event) never overwrite each other. Its timeline is the source of the incident report.
import type { Severity } from '../../shared/config/config.ts';

/** The playbook's name: its state machine, reports and audit records. */
export const PLAYBOOK = 'incident-response';

export const RECORDS_PREFIX = 'incidents/records/';
export const ASSESSMENTS_PREFIX = 'incidents/assessments/';
/** Working files (event claims, the audit-trail journal, once-only claims): expire with the bucket's work/ rule. */
export const WORK_PREFIX = 'work/incident-response/';

export const recordKey = (id: string) => `${RECORDS_PREFIX}${id}.json`;
export const assessmentKey = (id: string, opening: number) => `${ASSESSMENTS_PREFIX}${id}-${opening}.json`;

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
export type AlarmKind = 'metric' | 'math' | 'composite';

/** What the incident is about: the alarm that opened it. */
export interface IncidentSource {
  alarmName: string;
  alarmArn: string;
  region: string;
  kind: AlarmKind;
  description?: string;
}

export type TimelineKind =
  | 'alarm'
  | 'opened'
  | 'alert'
  | 'update'
  | 'escalated'
  | 'acknowledged'
  | 'war-room'
  | 'mitigation'
  | 'note'
  | 'restored'
  | 'reopened'
  | 'report';

/** One line of the timeline. `at` is autopilot's clock, never earlier than the line before it. */
export interface TimelineEntry {
  at: string;
  kind: TimelineKind;
  text: string;
  /** The alarm's own time of a state change this line reports. */
  alarmAt?: string;
  by?: string;
}

/** When the follow-up loop next acts, and who runs it. */
export interface Schedule {
  /** Bumped when another execution takes the follow-up over; a loop with an older one stops. */
  generation: number;
  alertedAt?: string;
  nextUpdateAt: string;
  /** Undefined once acknowledged or when every level has been told. */
  nextEscalationAt?: string;
  /** Escalation levels told so far (0: only the severity's channels). */
  escalationLevel: number;
  updatesSent: number;
}

export interface Acknowledgement {
  by: string;
  at: string;
  /** `request`: an execution input (`autopilot ack`, the console); `link`: the alert's task token. */
  via: 'request' | 'link';
  note?: string;
}

/** The task token of the alert's acknowledgement link, while its execution waits on it. */
export interface AckLink {
  token: string;
  executionId: string;
  validUntil: string;
}

export interface WarRoom {
  channel: string;
  channelId?: string;
  created: boolean;
  detail: string;
}

export interface IncidentRecord {
  id: string;
  severity: Severity;
  source: IncidentSource;
  title: string;
  status: 'open' | 'resolved';
  /** The alarm's ALARM transition that opened (or last reopened) the incident. */
  openedAt: string;
  /** The first opening, for the report. */
  firstOpenedAt: string;
  /** The alarm's state reason when it opened (or last reopened) the incident. */
  reason?: string;
  /** The alarm state last reported by an event or a check, and when the alarm entered it (alarm time). */
  alarmState: AlarmState;
  alarmStateAt: string;
  /** Execution that opened (or last reopened) the incident: a retry of it finds its own work done. */
  openedBy: string;
  openings: number;
  schedule: Schedule;
  acknowledged?: Acknowledgement;
  ackLink?: AckLink;
  warRoom?: WarRoom;
  /** When the alarm went back to OK (alarm time) and when autopilot closed the incident. */
  restoredAt?: string;
  resolvedAt?: string;
  /** The execution that resolved it (a retry of it finishes the report and the message). */
  resolvedBy?: string;
  report?: { markdown: string; html: string; json: string; link: string };
  timeline: TimelineEntry[];
}

/** The most recent time on the record: nothing is stamped earlier (see clock.ts). */
export function lastStamp(record: IncidentRecord): string {
  return record.timeline.at(-1)?.at ?? record.openedAt;
}
