// Step 6: take the instance out of service before isolating it. An isolated instance fails its health checks and
// its Auto Scaling group would terminate it, evidence and all (termination protection does not stop Auto
// Scaling), so it leaves the group first, without decrementing the desired capacity: the group launches a
// replacement. It is also deregistered from every target group it serves (registered directly or via the group).
import {
  type AutoScalingClient,
  DescribeAutoScalingInstancesCommand,
  DetachInstancesCommand,
} from '@aws-sdk/client-auto-scaling';
import { DeregisterTargetsCommand, type ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { CaseInfo } from '../../shared/instance/case.ts';
import type { InstanceEvidence } from '../../shared/instance/evidence.ts';
import { type Recorder, settleAll } from '../../shared/instance/steps.ts';

/** Why Auto Scaling would not detach the instance, read back (ValidationError covers both cases AWS refuses). */
type Membership = { inGroup: false } | { inGroup: true; lifecycleState: string };

async function membershipOf(autoScaling: AutoScalingClient, instanceId: string, group: string): Promise<Membership> {
  const read = await autoScaling.send(new DescribeAutoScalingInstancesCommand({ InstanceIds: [instanceId] }));
  const member = read.AutoScalingInstances?.find((instance) => instance.AutoScalingGroupName === group);
  return member ? { inGroup: true, lifecycleState: member.LifecycleState ?? 'unknown' } : { inGroup: false };
}

/** What a person does about an instance Auto Scaling will not let go (a lifecycle hook holds it). */
export interface NotDetached {
  autoScalingGroup: string;
  lifecycleState: string;
  nextStep: string;
}

function nextStepFor(group: string, instanceId: string, lifecycleState: string): string {
  return (
    `the instance is ${lifecycleState} in ${group}: after approval, end the lifecycle action ` +
    `(aws autoscaling complete-lifecycle-action --auto-scaling-group-name ${group} --instance-id ${instanceId} ` +
    `--lifecycle-hook-name <hook> --lifecycle-action-result ABANDON or CONTINUE), then run contain-instance again to ` +
    'take it out of service; until then the group may replace or terminate it'
  );
}

export async function takeOutOfService(
  clients: { autoScaling: AutoScalingClient; elb: ElasticLoadBalancingV2Client },
  theCase: CaseInfo,
  evidence: InstanceEvidence,
  recorder: Recorder,
): Promise<{ detachedFrom?: string; notDetached?: NotDetached; deregisteredFrom: string[] }> {
  const { instanceId, region, caseId } = theCase;
  let notDetached: NotDetached | undefined;
  const work: Promise<unknown>[] = [];
  const asg = evidence.autoScalingGroup;
  if (asg) {
    const planned = {
      action: 'autoscaling:DetachInstances',
      resource: asg.name,
      region,
      detail: { caseId, instanceId, shouldDecrementDesiredCapacity: false, desiredCapacity: asg.desiredCapacity },
    };
    // A refusal is never read as success: the instance's membership is read back. Gone from the group: done.
    // Still in it (a lifecycle hook holds it): isolation goes on (it matters most) and the case says what to do.
    let refusedIn: string | undefined;
    work.push(
      recorder
        .act(
          planned,
          () =>
            clients.autoScaling.send(
              new DetachInstancesCommand({
                AutoScalingGroupName: asg.name,
                InstanceIds: [instanceId],
                ShouldDecrementDesiredCapacity: false,
              }),
            ),
          {
            alreadyDone: async (error) => {
              if ((error as Error).name !== 'ValidationError') return undefined;
              const membership = await membershipOf(clients.autoScaling, instanceId, asg.name);
              if (!membership.inGroup) return 'not in the group any more';
              refusedIn = membership.lifecycleState;
              return undefined;
            },
          },
        )
        .catch((error) => {
          if (refusedIn === undefined) throw error;
          notDetached = {
            autoScalingGroup: asg.name,
            lifecycleState: refusedIn,
            nextStep: nextStepFor(asg.name, instanceId, refusedIn),
          };
        }),
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
    detachedFrom: notDetached ? undefined : asg?.name,
    ...(notDetached ? { notDetached } : {}),
    deregisteredFrom: evidence.targetGroups.map((target) => target.targetGroupArn),
  };
}
