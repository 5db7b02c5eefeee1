// Step 6: take the instance out of service before isolating it. An isolated instance fails its health checks and
// its Auto Scaling group would terminate it, evidence and all (termination protection does not stop Auto
// Scaling), so it leaves the group first, without decrementing the desired capacity: the group launches a
// replacement. It is also deregistered from every target group it serves (registered directly or via the group).
import { type AutoScalingClient, DetachInstancesCommand } from '@aws-sdk/client-auto-scaling';
import { DeregisterTargetsCommand, type ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { CaseInfo } from '../../shared/instance/case.ts';
import type { InstanceEvidence } from '../../shared/instance/evidence.ts';
import { type Recorder, settleAll } from '../../shared/instance/steps.ts';

/** Auto Scaling's answer when the instance has already left the group. */
const notInGroup = (error: unknown) =>
  (error as Error).name === 'ValidationError' &&
  /not part of Auto Scaling group|is not in/i.test((error as Error).message);

export async function takeOutOfService(
  clients: { autoScaling: AutoScalingClient; elb: ElasticLoadBalancingV2Client },
  theCase: CaseInfo,
  evidence: InstanceEvidence,
  recorder: Recorder,
): Promise<{ detachedFrom?: string; deregisteredFrom: string[] }> {
  const { instanceId, region, caseId } = theCase;
  const work: Promise<unknown>[] = [];
  const asg = evidence.autoScalingGroup;
  if (asg) {
    const planned = {
      action: 'autoscaling:DetachInstances',
      resource: asg.name,
      region,
      detail: { caseId, instanceId, shouldDecrementDesiredCapacity: false, desiredCapacity: asg.desiredCapacity },
    };
    work.push(
      recorder.act(
        planned,
        () =>
          clients.autoScaling.send(
            new DetachInstancesCommand({
              AutoScalingGroupName: asg.name,
              InstanceIds: [instanceId],
              ShouldDecrementDesiredCapacity: false,
            }),
          ),
        { alreadyDone: (error) => (notInGroup(error) ? 'not in the group any more' : undefined) },
      ),
    );
  } else {
    recorder.note({
      action: 'autoscaling:DetachInstances',
      resource: instanceId,
      region,
      outcome: 'skipped',
      detail: { caseId, why: 'not in an Auto Scaling group' },
    });
  }
  for (const target of evidence.targetGroups) {
    work.push(
      recorder.act(
        {
          action: 'elasticloadbalancing:DeregisterTargets',
          resource: target.targetGroupArn,
          region,
          detail: { caseId, instanceId, target: { id: target.id, port: target.port }, state: target.state },
        },
        () =>
          clients.elb.send(
            new DeregisterTargetsCommand({
              TargetGroupArn: target.targetGroupArn,
              Targets: [{ Id: target.id, Port: target.port, AvailabilityZone: target.availabilityZone }],
            }),
          ),
      ),
    );
  }
  if (evidence.targetGroups.length === 0) {
    recorder.note({
      action: 'elasticloadbalancing:DeregisterTargets',
      resource: instanceId,
      region,
      outcome: 'skipped',
      detail: { caseId, why: 'not registered in any target group' },
    });
  }
  await settleAll(work);
  return {
    detachedFrom: asg?.name,
    deregisteredFrom: evidence.targetGroups.map((target) => target.targetGroupArn),
  };
}
