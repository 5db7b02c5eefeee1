// The start of a restore: an execution of traffic-shift was stopped (aborted, timed out) and no Catch ran, so its rule
// may still send green a share and its canary rule may still exist. The stopped execution's run record says what to
// undo; the restore is claimed first (the rule's run and `autopilot abort`'s may both arrive), and a shift that had
// already ended needs nothing.
import type { S3Client } from '@aws-sdk/client-s3';
import { claimRestore, readRunRecord, runRecordKey } from '../../shared/claims/records.ts';
import type { ExecutionRef } from '../../shared/handler/handler.ts';
import type { StoppedExecution } from '../../shared/playbook/stopped.ts';
import type { Plan } from '../model/plan.ts';
import type { RunRecord } from '../model/record.ts';

export type RestoreStart =
  | { kind: 'restore'; plan: Plan; stopped: StoppedExecution; owner: { Id: string; Name: string } }
  | { kind: 'nothing'; reason: string; stopped: StoppedExecution };

/** What to undo for a stopped execution: its plan and owner, or nothing (no record, ended already, claimed). */
export async function restoreStart(
  stopped: StoppedExecution,
  deps: { s3: S3Client; bucket: string; execution: ExecutionRef; now: Date },
): Promise<RestoreStart> {
  const key = runRecordKey('traffic-shift', stopped.name);
  const record = await readRunRecord<RunRecord>(deps.s3, deps.bucket, key);
  if (!record) return { kind: 'nothing', reason: `no run record of ${stopped.name}: it changed nothing`, stopped };
  if (record.status !== 'shifting') {
    return { kind: 'nothing', reason: `${stopped.name} had already ended (${record.status})`, stopped };
  }
  const claim = { executionId: deps.execution.Id, at: deps.now.toISOString() };
  if (!(await claimRestore(deps.s3, deps.bucket, key, claim))) {
    return { kind: 'nothing', reason: `another run is restoring what ${stopped.name} changed`, stopped };
  }
  return { kind: 'restore', plan: record.plan, stopped, owner: { Id: record.executionId, Name: record.executionName } };
}
