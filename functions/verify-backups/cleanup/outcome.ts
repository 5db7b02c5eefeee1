// What one restore test came to, from its state in the Map iteration (whatever step it reached): the restore job's
// end, the validation's verdict, the measured RTO (from starting the restore to the copy validated usable), and
// what its cleanup did. Small: it travels back through the state machine to the report.
import type { AuditRecord } from '../../shared/audit/audit.ts';
import { causeMessage } from '../../shared/errors/errors.ts';
import type { Candidate } from '../plan/select.ts';
import type { Deletion } from './delete.ts';

/** The recovery point a result is about, as the report names it. */
export function recoveryPointOf(item: Candidate) {
  return {
    id: item.id,
    region: item.region,
    vault: item.vault,
    resourceType: item.resourceType,
    recoveryPointArn: item.recoveryPointArn,
    recoveryPointAgeHours: item.ageHours,
  };
}

export interface ItemState {
  item: Candidate;
  dryRun: boolean;
  start?: { started: boolean; restoreJobId: string | null; target: string; startedAt: string; actions?: AuditRecord[] };
  restore?: {
    status: string;
    statusMessage: string | null;
    createdResourceArn: string | null;
    creationDate: string | null;
    completionDate: string | null;
    actions?: AuditRecord[];
  };
  validation?: { status: string; message: string; at?: string; actions?: AuditRecord[] };
  verdict?: { status: 'SUCCESSFUL' | 'FAILED' | 'TIMED_OUT'; message: string | null };
  recorded?: { reported: boolean; refused: string | null };
  error?: { Error?: string; Cause?: string };
}

export interface ItemResult {
  id: string;
  region: string;
  vault: string;
  resourceType: string;
  recoveryPointArn: string;
  recoveryPointAgeHours: number;
  outcome: 'passed' | 'failed' | 'timed-out' | 'dry-run';
  restoreJobId: string | null;
  restoreStatus: string | null;
  target: string | null;
  message: string;
  /** Seconds from StartRestoreJob to the copy validated usable (passed tests only). */
  rtoSeconds: number | null;
  /** Seconds the restore job itself took (CreationDate to CompletionDate). */
  restoreSeconds: number | null;
  reportedToBackup: boolean;
  cleanup: Deletion[];
  /** A restore job still running at cleanup: the next run's sweep deletes what it creates. */
  pendingJob: string | null;
  actions: AuditRecord[];
}

const seconds = (from: string | null | undefined, to: string | null | undefined) =>
  from && to ? Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000)) : null;

export function itemOutcome(
  state: ItemState,
  cleanup: Deletion[],
  pendingJob: string | null,
  actions: AuditRecord[],
): ItemResult {
  const { item, start, restore, verdict, error } = state;
  const outcome: ItemResult['outcome'] = state.dryRun
    ? 'dry-run'
    : error
      ? 'failed'
      : verdict?.status === 'SUCCESSFUL'
        ? 'passed'
        : verdict?.status === 'TIMED_OUT'
          ? 'timed-out'
          : 'failed';
  const message = error
    ? `${error.Error}: ${causeMessage(error.Cause)}`.slice(0, 500)
    : state.dryRun
      ? `would restore into ${start?.target ?? 'a test copy'}`
      : (verdict?.message ?? 'no verdict');
  return {
    ...recoveryPointOf(item),
    outcome,
    restoreJobId: start?.restoreJobId ?? null,
    restoreStatus: restore?.status ?? null,
    target: start?.target ?? null,
    message,
    rtoSeconds: outcome === 'passed' ? seconds(start?.startedAt, state.validation?.at) : null,
    restoreSeconds: seconds(restore?.creationDate, restore?.completionDate),
    reportedToBackup: Boolean(state.recorded?.reported),
    cleanup,
    pendingJob,
    actions,
  };
}
