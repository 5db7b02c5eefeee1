// After a promotion, blue's capacity scaled to zero when the service asks for it (the runbook scales the side that
// no longer takes traffic down): an Auto Scaling group to min 0 / desired 0, or an ECS service to 0 tasks. It takes
// the capacity's lock for the change, so it never races a scaling run on the same group; a held lock skips the
// scale-down and the report says why. The scale-in itself proceeds in the background (not awaited).
import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { S3Client } from '@aws-sdk/client-s3';
import type { AuditTrail } from '../../shared/audit/audit.ts';
import { readAsg } from '../../shared/capacity/asg.ts';
import { readEcsService } from '../../shared/capacity/ecs.ts';
import { setAsgCapacity, setEcsDesired } from '../../shared/capacity/set.ts';
import { capacityLockTarget } from '../../shared/capacity/targets.ts';
import { acquireLock, lockedMessage, releaseLock } from '../../shared/claims/locks.ts';
import type { ExecutionRef } from '../../shared/handler/handler.ts';
import type { Plan } from '../model/plan.ts';

export type ScaleDown = { capacity: string; before: number } | { skipped: string };

export interface ScaleDeps {
  autoScaling: AutoScalingClient;
  ecs: ECSClient;
  s3: S3Client;
  bucket: string;
  audit: AuditTrail;
  execution: ExecutionRef;
  now: Date;
}

/** Scales blue's capacity to zero under its lock; what it did, or why it skipped. */
export async function scaleBlueDown(plan: Plan, deps: ScaleDeps): Promise<ScaleDown> {
  const capacity = plan.blueCapacity;
  if (!capacity) return { skipped: 'no blue capacity configured for this service' };
  const asg = 'autoScalingGroupName' in capacity ? capacity.autoScalingGroupName : undefined;
  const ecs = 'ecsService' in capacity ? capacity.ecsService : undefined;
  const name = asg ?? `${ecs!.cluster}/${ecs!.service}`;
  const target = capacityLockTarget(asg ? 'asg' : 'ecs-service', plan.region, name);
  const lock = await acquireLock(deps.s3, deps.bucket, {
    target,
    playbook: 'traffic-shift',
    executionId: deps.execution.Id,
    executionName: deps.execution.Name,
    ttlSeconds: 900,
    now: deps.now,
  });
  if (!lock.acquired) return { skipped: lockedMessage(lock.holder) };
  try {
    const before = asg
      ? (await readAsg(deps.autoScaling, asg)).desired
      : (await readEcsService(deps.ecs, ecs!.cluster, ecs!.service)).desired;
    const outcome = before === 0 ? 'already-done' : 'done';
    if (outcome === 'done') {
      if (asg) await setAsgCapacity(deps.autoScaling, asg, { minSize: 0, desired: 0 });
      else await setEcsDesired(deps.ecs, ecs!.cluster, ecs!.service, 0);
    }
    await deps.audit.record({
      action: asg ? 'autoscaling:UpdateAutoScalingGroup' : 'ecs:UpdateService',
      resource: name,
      region: plan.region,
      outcome,
      detail: { desiredBefore: before, desiredAfter: 0, side: 'blue' },
    });
    return { capacity: `${asg ? 'Auto Scaling group' : 'ECS service'} ${name}`, before };
  } finally {
    await releaseLock(deps.s3, deps.bucket, target, deps.execution.Id);
  }
}
