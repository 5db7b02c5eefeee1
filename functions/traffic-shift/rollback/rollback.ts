// The way back, taken whenever a shift does not end promoted: a judgement failed, a step failed (smoke tests, a rule
// that did not read back, an AWS refusal), or the execution was stopped (the restore run acts for it). Blue goes back
// to its saved actions (100%) at once and is read back; a canary's header rule is deleted; green keeps its targets
// for the investigation; the run record says how it ended and the lock on the rule is let go. A refusal before any
// change (bad input, a held lock, a failed prerequisite) only reports.
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { S3Client } from '@aws-sdk/client-s3';
import type { AuditTrail } from '../../shared/audit/audit.ts';
import { releaseLock } from '../../shared/claims/locks.ts';
import type { Plan } from '../model/plan.ts';
import { loadRecord, type RunRecord, updateRecord } from '../model/record.ts';
import { removeCanaryRule } from '../model/remove-canary.ts';
import { restoreRule } from '../model/undo.ts';

export interface RollbackDeps {
  elbv2: ElasticLoadBalancingV2Client;
  s3: S3Client;
  bucket: string;
  audit: AuditTrail;
  now: Date;
}

/**
 * Undoes what the shift of `owner` (this execution, or the stopped one a restore acts for) changed.
 * @throws VerificationFailedError when blue does not read back at 100% (the failure step pages).
 */
export async function rollBack(
  plan: Plan,
  owner: { Id: string; Name: string },
  status: 'rolled-back' | 'restored',
  reason: string,
  deps: RollbackDeps,
): Promise<RunRecord> {
  const store = { s3: deps.s3, bucket: deps.bucket };
  if (plan.dryRun) return loadRecord(store, plan, owner);
  const existing = await loadRecord(store, plan, owner);
  await restoreRule(deps.elbv2, deps.audit, plan);
  await removeCanaryRule(deps.elbv2, deps.audit, plan, existing.canaryRuleArn);
  const record = await updateRecord(
    store,
    plan,
    owner,
    (run) => {
      run.status = status;
      run.reason = reason;
      run.endedAt = deps.now.toISOString();
    },
    deps.audit.records,
  );
  await releaseLock(deps.s3, deps.bucket, plan.lockTarget, owner.Id);
  return record;
}
