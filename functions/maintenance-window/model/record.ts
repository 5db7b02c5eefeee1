// The run record of a maintenance window (functions/shared/claims/records.ts): written before anything changes,
// with what each region had (the flag's previous value, the alarms whose actions it disables and their states), so
// the end of the window, a failure half-way and the restore after a stopped execution all undo exactly that.
import { runRecordKey } from '../../shared/claims/records.ts';

export interface RegionWindow {
  region: string;
  parameter: string;
  /** The flag before the window; undefined: the parameter did not exist (the end writes "false"). */
  previous?: string;
  /** Alarms whose actions were enabled and that the window disables (only these are enabled again). */
  silenced: string[];
  /** Every matching alarm's state when the window started. */
  statesAtStart: Record<string, string>;
}

export interface WindowRecord {
  executionId: string;
  executionName: string;
  stage: string;
  durationMinutes: number;
  reason: string;
  startedAt: string;
  endsAt: string;
  lockTarget: string;
  regions: RegionWindow[];
  status: 'open' | 'ended' | 'ended-early' | 'failed';
  endedAt?: string;
}

export const windowRecordKey = (executionName: string) => runRecordKey('maintenance-window', executionName);

/** The lock of a stage's maintenance: one window at a time. */
export const maintenanceLockTarget = (stage: string) => `maintenance:${stage}`;
