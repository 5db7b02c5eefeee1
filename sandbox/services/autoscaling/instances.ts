// Auto Scaling instances: DescribeAutoScalingInstances (unknown ids ignored, as AWS does; at most 50 ids),
// DetachInstances and AttachInstances. Detaching without decrementing the desired capacity makes the group launch a
// replacement, and the detached instance drains from the group's target groups (membership.ts). Attaching raises
// the desired capacity by one and fails past MaxSize; only a running instance in no other group can join.
import type {
  AttachInstancesQuery,
  DescribeAutoScalingInstancesType,
  DetachInstancesQuery,
} from '@aws-sdk/client-auto-scaling';
import type { RegionState } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { requireGroup, validation } from './groups.ts';
import { launchReplacement, setTargetState } from './membership.ts';

type GroupRec = RegionState['autoScaling']['groups'][number];

function describeAutoScalingInstances(ctx: HandlerContext, input: DescribeAutoScalingInstancesType) {
  if ((input.InstanceIds?.length ?? 0) > 50) throw validation('The number of instance ids must not exceed 50.');
  const all = ctx.regional.autoScaling.groups.flatMap((group) =>
    (group.Instances ?? []).map((instance) => ({ ...instance, AutoScalingGroupName: group.AutoScalingGroupName })),
  );
  const selected = input.InstanceIds?.length ? all.filter((i) => input.InstanceIds!.includes(i.InstanceId!)) : all;
  const page = paginate(selected, (i) => i.InstanceId!, {
    token: input.NextToken,
    pageSize: Math.min(input.MaxRecords ?? 50, 50),
    invalidToken: () => validation('The token provided is invalid.'),
  });
  return { AutoScalingInstances: page.items, NextToken: page.nextToken };
}

function activity(ctx: HandlerContext, group: GroupRec, description: string, cause: string) {
  return {
    ActivityId: ctx.account.newUuid(),
    AutoScalingGroupName: group.AutoScalingGroupName,
    Description: description,
    Cause: `At ${ctx.now().toISOString()} ${cause}`,
    StartTime: ctx.now().toISOString(),
    StatusCode: 'InProgress',
    Progress: 50,
  };
}

function detachInstances(ctx: HandlerContext, input: DetachInstancesQuery) {
  const group = requireGroup(ctx, input.AutoScalingGroupName);
  if (input.ShouldDecrementDesiredCapacity === undefined) {
    throw validation(
      "1 validation error detected: Value null at 'shouldDecrementDesiredCapacity' failed to satisfy constraint",
    );
  }
  const ids = input.InstanceIds ?? [];
  for (const id of ids) {
    const member = group.Instances?.find((i) => i.InstanceId === id);
    if (!member)
      throw validation(`The instance ${id} is not part of Auto Scaling group ${group.AutoScalingGroupName}.`);
    if (member.LifecycleState !== 'InService' && member.LifecycleState !== 'Standby') {
      throw validation(`The instance ${id} is not in InService or Standby.`);
    }
  }
  if (input.ShouldDecrementDesiredCapacity && (group.DesiredCapacity ?? 0) - ids.length < (group.MinSize ?? 0)) {
    throw validation(`Detaching ${ids.length} instance(s) with decrement would take the group below its minimum size.`);
  }
  const activities = ids.map((id) => {
    const template = ctx.regional.ec2.instances.find((i) => i.InstanceId === id);
    group.Instances = (group.Instances ?? []).filter((i) => i.InstanceId !== id);
    setTargetState(ctx, group, id, 'draining');
    if (input.ShouldDecrementDesiredCapacity) group.DesiredCapacity = (group.DesiredCapacity ?? 0) - 1;
    else if (template) launchReplacement(ctx, group, template);
    return activity(
      ctx,
      group,
      `Detaching EC2 instance: ${id}`,
      `an instance was detached in response to a user request${input.ShouldDecrementDesiredCapacity ? ', shrinking the capacity' : ', keeping the capacity'}.`,
    );
  });
  return { Activities: activities };
}

function attachInstances(ctx: HandlerContext, input: AttachInstancesQuery) {
  const group = requireGroup(ctx, input.AutoScalingGroupName);
  const ids = input.InstanceIds ?? [];
  if ((group.DesiredCapacity ?? 0) + ids.length > (group.MaxSize ?? 0)) {
    throw validation(
      `Cannot attach ${ids.length} instance(s) to AutoScalingGroup ${group.AutoScalingGroupName}: the desired capacity would exceed the max size ${group.MaxSize}.`,
    );
  }
  for (const id of ids) {
    const instance = ctx.regional.ec2.instances.find((i) => i.InstanceId === id);
    if (instance?.State?.Name !== 'running')
      throw validation(`Instance ${id} is not in a valid state (running required).`);
    if (ctx.regional.autoScaling.groups.some((g) => g.Instances?.some((i) => i.InstanceId === id))) {
      throw validation(`The instance ${id} is already part of an Auto Scaling group.`);
    }
  }
  for (const id of ids) {
    const instance = ctx.regional.ec2.instances.find((i) => i.InstanceId === id)!;
    group.Instances = [
      ...(group.Instances ?? []),
      {
        InstanceId: id,
        InstanceType: instance.InstanceType,
        AvailabilityZone: instance.Placement?.AvailabilityZone,
        LifecycleState: 'InService',
        HealthStatus: 'Healthy',
        ProtectedFromScaleIn: false,
      },
    ];
    group.DesiredCapacity = (group.DesiredCapacity ?? 0) + 1;
    setTargetState(ctx, group, id, 'initial');
  }
  return {};
}

export const autoScalingInstanceHandlers: Handlers = {
  DescribeAutoScalingInstances: describeAutoScalingInstances,
  DetachInstances: detachInstances,
  AttachInstances: attachInstances,
};
