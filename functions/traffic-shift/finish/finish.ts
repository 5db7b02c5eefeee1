// The end of a promoted shift: green carries 100% after its final bake; a canary's header rule is removed (green
// takes all traffic now), the run record says promoted, the lock on the rule is let go, and the report and notice
// list every judgement. A dry run ends here too, listing what it would have done.
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { S3Client } from '@aws-sdk/client-s3';
import type { AuditTrail } from '../../shared/audit/audit.ts';
import { releaseLock } from '../../shared/claims/locks.ts';
import type { ExecutionRef } from '../../shared/handler/handler.ts';
import type { Plan } from '../model/plan.ts';
import { loadRecord, type RunRecord, updateRecord } from '../model/record.ts';
import { removeCanaryRule } from '../model/remove-canary.ts';

export interface FinishDeps {
  elbv2: ElasticLoadBalancingV2Client;
  s3: S3Client;
  bucket: string;
  audit: AuditTrail;
  execution: ExecutionRef;
  now: Date;
}

/** Ends a promoted shift (or a dry run); the run record as it ends. */
export async function finishShift(plan: Plan, deps: FinishDeps): Promise<RunRecord> {
  const store = { s3: deps.s3, bucket: deps.bucket };
  if (plan.dryRun) {
    if (plan.scaleBlueToZero && plan.blueCapacity) {
      await deps.audit.record({
        action:
          'autoScalingGroupName' in plan.blueCapacity ? 'autoscaling:UpdateAutoScalingGroup' : 'ecs:UpdateService',
        resource: JSON.stringify(plan.blueCapacity),
        region: plan.region,
        outcome: 'dry-run',
        detail: { desiredAfter: 0, side: 'blue' },
      });
    }
    return loadRecord(store, plan, deps.execution);
  }
  const existing = await loadRecord(store, plan, deps.execution);
  await removeCanaryRule(deps.elbv2, deps.audit, plan, existing.canaryRuleArn);
  const record = await updateRecord(
    store,
    plan,
    deps.execution,
    (run) => {
      run.status = 'promoted';
      run.endedAt = deps.now.toISOString();
    },
    deps.audit.records,
  );
  await releaseLock(deps.s3, deps.bucket, plan.lockTarget, deps.execution.Id);
  return record;
}
