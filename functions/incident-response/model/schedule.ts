// The follow-up cadence (runbook "Communication Templates": an update every 15 minutes by default) and the
// escalation clock (the severity's response time): what is due when, for the state machine's Wait.

import { plusMinutes } from './clock.ts';
import type { IncidentRecord, Schedule } from './record.ts';
import type { SeveritySettings } from './severities.ts';

/** The schedule of a freshly (re)opened incident, counted from `from` (the opening line's stamp). */
export function freshSchedule(
  from: string,
  severity: SeveritySettings,
  previous: { generation: number; acknowledged: boolean; escalationLevel: number } | undefined,
): Schedule {
  const level = previous?.acknowledged ? previous.escalationLevel : 0;
  const escalates = !previous?.acknowledged && severity.escalation.length > level;
  return {
    generation: (previous?.generation ?? 0) + 1,
    nextUpdateAt: plusMinutes(from, severity.updateMinutes),
    ...(escalates ? { nextEscalationAt: plusMinutes(from, severity.responseMinutes) } : {}),
    escalationLevel: level,
    updatesSent: 0,
  };
}

/** When the follow-up loop must next act: the next update or the next escalation, whichever comes first. */
export function nextDue(schedule: Schedule): string {
  const times = [schedule.nextUpdateAt, schedule.nextEscalationAt].filter((time): time is string => Boolean(time));
  return times.sort()[0];
}

/** What the check at `asOf` must do. */
export interface DueWork {
  escalateTo?: number;
  update: boolean;
}

/** Escalation when unacknowledged past the deadline and a level is left; an update when due or when escalating. */
export function dueWork(record: IncidentRecord, asOf: string, severity: SeveritySettings): DueWork {
  const { schedule } = record;
  const escalate =
    !record.acknowledged &&
    schedule.nextEscalationAt !== undefined &&
    asOf >= schedule.nextEscalationAt &&
    schedule.escalationLevel < severity.escalation.length;
  return {
    ...(escalate ? { escalateTo: schedule.escalationLevel + 1 } : {}),
    update: escalate || asOf >= schedule.nextUpdateAt,
  };
}

/** The schedule after the check at `asOf` did `work`. */
export function afterCheck(schedule: Schedule, asOf: string, work: DueWork, severity: SeveritySettings): Schedule {
  const level = work.escalateTo ?? schedule.escalationLevel;
  const moreLevels = level < severity.escalation.length;
  return {
    ...schedule,
    escalationLevel: level,
    nextUpdateAt: work.update ? plusMinutes(asOf, severity.updateMinutes) : schedule.nextUpdateAt,
    nextEscalationAt: work.escalateTo
      ? moreLevels
        ? plusMinutes(asOf, severity.responseMinutes)
        : undefined
      : schedule.nextEscalationAt,
    updatesSent: schedule.updatesSent + (work.update ? 1 : 0),
  };
}
