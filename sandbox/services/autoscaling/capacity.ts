// Auto Scaling capacity: UpdateAutoScalingGroup (MinSize, MaxSize, DesiredCapacity; the desired capacity must lie
// between the sizes). Raising the desired capacity launches the missing instances from the shape of a member (the
// group's launch template in AWS): Pending, registered `initial` in the group's target groups, in service after a
// later DescribeAutoScalingGroups (launches.ts). Lowering it terminates the newest members.
// SetDesiredCapacity: the new desired capacity must lie within the group's minimum and maximum (ValidationError
// otherwise, in AWS's words); it launches no instances, the group's DesiredCapacity is what a describe reads back.
import type { SetDesiredCapacityType, UpdateAutoScalingGroupType } from '@aws-sdk/client-auto-scaling';
import type { HandlerContext, Handlers } from '../types.ts';
import { requireGroup, validation } from './groups.ts';
import { launchReplacement, setTargetState } from './membership.ts';

function updateAutoScalingGroup(ctx: HandlerContext, input: UpdateAutoScalingGroupType) {
  const group = requireGroup(ctx, input.AutoScalingGroupName);
  const min = input.MinSize ?? group.MinSize ?? 0;
  const max = input.MaxSize ?? group.MaxSize ?? 0;
  if (min > max) throw validation(`Max bound, ${max}, must be greater than or equal to min bound, ${min}`);
  const desired = input.DesiredCapacity ?? Math.min(Math.max(group.DesiredCapacity ?? min, min), max);
  if (desired < min || desired > max) {
    throw validation(`Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`);
  }
  group.MinSize = min;
  group.MaxSize = max;
  group.DesiredCapacity = desired;
  const members = (group.Instances ?? []).filter((i) => ['Pending', 'InService'].includes(i.LifecycleState ?? ''));
  const shape = ctx.regional.ec2.instances.find((i) => i.InstanceId === members[0]?.InstanceId);
  if (members.length < desired && !shape) {
    throw validation(`AutoScalingGroup ${group.AutoScalingGroupName} has no instance to launch new ones like`);
  }
  for (let count = members.length; count < desired; count++) {
    const instanceId = launchReplacement(ctx, group, shape!);
    ctx.regional.autoScaling.launches = [
      ...(ctx.regional.autoScaling.launches ?? []),
      { instanceId, group: group.AutoScalingGroupName! },
    ];
  }
  for (const member of members.slice(desired).reverse()) {
    member.LifecycleState = 'Terminating';
    setTargetState(ctx, group, member.InstanceId!, 'draining');
    const instance = ctx.regional.ec2.instances.find((i) => i.InstanceId === member.InstanceId);
    if (instance) instance.State = { Code: 32, Name: 'shutting-down' };
  }
  return {};
}

function setDesiredCapacity(ctx: HandlerContext, input: SetDesiredCapacityType) {
  const group = requireGroup(ctx, input.AutoScalingGroupName);
  const desired = input.DesiredCapacity;
  if (desired === undefined || !Number.isInteger(desired) || desired < 0) {
    throw validation('DesiredCapacity must be a non-negative integer');
  }
  if (desired > (group.MaxSize ?? 0)) {
    throw validation(
      `New SetDesiredCapacity value ${desired} is above max value ${group.MaxSize} for the AutoScalingGroup.`,
    );
  }
  if (desired < (group.MinSize ?? 0)) {
    throw validation(
      `New SetDesiredCapacity value ${desired} is below min value ${group.MinSize} for the AutoScalingGroup.`,
    );
  }
  group.DesiredCapacity = desired;
  return {};
}

export const autoScalingCapacityHandlers: Handlers = {
  UpdateAutoScalingGroup: updateAutoScalingGroup,
  SetDesiredCapacity: setDesiredCapacity,
};
