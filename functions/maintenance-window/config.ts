// maintenance-window's block under `playbooks.maintenanceWindow` in config/*.yml: the schedule (off unless a stage
// turns it on) and what a scheduled window is, the maintenance flag, the alarms it silences, what it waits for.
import * as z from 'zod';
import { Severity, scheduleWithDefault } from '../shared/config/primitives.ts';

const alarmPrefix = z.string().min(1).max(255);

export const MaintenanceWindow = z.strictObject({
  /** A recurring window (EventBridge Scheduler); off by default: a stage opts in. */
  schedule: scheduleWithDefault('cron(0 3 ? * SUN *)', false),
  /** What a scheduled window is (a run by hand names its own). */
  scheduled: z
    .strictObject({
      durationMinutes: z.number().int().min(1).max(1440).default(60),
      reason: z.string().min(5).max(500).default('weekly maintenance window'),
    })
    .prefault({}),
  /** The longest window a run may ask for, in minutes. */
  maxDurationMinutes: z.number().int().min(1).max(1440).default(480),
  /** The runbook's maintenance_mode flag: an SSM String parameter per stage ({stage} is replaced), in every region. */
  flagParameter: z
    .string()
    .regex(/^\/[\w.\-/{}]+$/, 'an SSM parameter name starting with /')
    .default('/idp/{stage}/maintenance_mode'),
  /** Alarms whose actions are disabled for the window: names starting with one of these ... */
  alarmNamePrefixes: z.array(alarmPrefix).min(1).default(['idp-']),
  /** ... except these (the stack's own alarms keep notifying). */
  excludeAlarmNamePrefixes: z.array(alarmPrefix).default(['idp-autopilot-']),
  /** A window is refused while an incident of one of these severities is open. */
  blockingSeverities: z.array(Severity).default(['SEV1', 'SEV2']),
  /** ... or while one of these playbooks holds a lock (a traffic shift, a failover). */
  blockingPlaybooks: z.array(z.string().min(1)).default(['traffic-shift', 'regional-failover']),
  /** Severity of the end notice when an alarm went into ALARM during the window (its actions did not fire). */
  alarmsNotOkSeverity: Severity.default('SEV2'),
});

/** The block with its defaults applied. */
export type MaintenanceWindowSettings = z.output<typeof MaintenanceWindow>;
