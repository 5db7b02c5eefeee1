// The window's notices in the runbook's communication templates: the start as an alert of planned work (impact = the
// reason, status until when, next update at the end), the end as "SERVICE RESTORED" with its duration, or as an
// alert when an alarm went into ALARM during the window (its actions did not fire then, and enabling them does not
// replay the transition).
import type { Severity } from '../../shared/config/config.ts';
import type { Notice } from '../../shared/notify/message.ts';
import type { WindowRecord } from './record.ts';

const clock = (iso: string) => `${iso.slice(11, 16)} UTC`;

/** The start of the window in the runbook's alert template (SEV4: it informs, it does not page). */
export function startNotice(record: WindowRecord): Omit<Notice, 'playbook' | 'link'> {
  return {
    kind: 'alert',
    severity: 'SEV4',
    title: `Planned maintenance (${record.stage}) until ${clock(record.endsAt)}: ${record.reason}`,
    impact: `${record.reason} (maintenance_mode on, alarm actions paused)`,
    status: `Planned maintenance in progress until ${clock(record.endsAt)}`,
    nextUpdate: `At the end of the window (${clock(record.endsAt)})`,
    facts: {
      Flag: record.regions.map((r) => `${r.parameter} (${r.region})`).join(', '),
      'Alarms paused': record.regions.reduce((sum, r) => sum + r.silenced.length, 0),
    },
    dedupKey: `maintenance-window:${record.executionName}`,
  };
}

export interface EndFacts {
  /** Alarms in ALARM now that were not in ALARM when the window started. */
  newlyAlarming: string[];
  /** Alarms in ALARM now that were in ALARM already at the start. */
  stillAlarming: string[];
  /** Alarms with no data now. */
  noData: string[];
}

/** The end: SERVICE RESTORED with the duration, or an alert naming the alarms that went into ALARM (or the failure). */
export function endNotice(
  record: WindowRecord,
  facts: EndFacts,
  how: { early: boolean; failed?: string; minutes: number; alarmSeverity: Severity },
): Omit<Notice, 'playbook' | 'link'> {
  const common = {
    facts: {
      Window: `${record.durationMinutes} min planned${how.early ? ', ended early' : ''}`,
      ...(facts.stillAlarming.length ? { 'In ALARM before the window too': facts.stillAlarming.join(', ') } : {}),
      ...(facts.noData.length ? { 'No data': facts.noData.join(', ') } : {}),
    },
    dedupKey: `maintenance-window:${record.executionName}`,
  };
  if (how.failed || facts.newlyAlarming.length) {
    return {
      kind: 'alert',
      severity: facts.newlyAlarming.length ? how.alarmSeverity : 'SEV3',
      title: facts.newlyAlarming.length
        ? `Maintenance (${record.stage}) ended with ${facts.newlyAlarming.length} alarm(s) in ALARM: ${facts.newlyAlarming.join(', ')}`
        : `Maintenance (${record.stage}) failed; maintenance_mode and alarm actions restored`,
      impact: facts.newlyAlarming.length
        ? 'These alarms went into ALARM during the window; their actions did not fire then'
        : (how.failed ?? ''),
      status: 'maintenance_mode off, alarm actions enabled again: check the alarms',
      ...common,
      facts: { Duration: `${how.minutes} min`, ...common.facts },
    };
  }
  return {
    kind: 'resolved',
    severity: 'SEV4',
    title: `Maintenance (${record.stage}) ${how.early ? 'ended early' : 'complete'}: ${record.reason}`,
    duration: `${how.minutes} minutes`,
    rootCause: `Planned maintenance: ${record.reason}`,
    nextSteps: facts.stillAlarming.length
      ? 'maintenance_mode off, alarm actions enabled; the alarms listed were in ALARM before the window already'
      : 'maintenance_mode off, alarm actions enabled, the alarms are OK',
    ...common,
  };
}
