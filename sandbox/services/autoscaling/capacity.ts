// Auto Scaling capacity: UpdateAutoScalingGroup (the group's minimum, maximum and desired capacity) and
// SetDesiredCapacity (the desired capacity alone). The desired capacity must lie within the minimum and maximum
// (ValidationError, in AWS's words); an UpdateAutoScalingGroup whose new minimum is above the current desired capacity
// raises it, a new maximum below it lowers it, as AWS does. The group then launches or terminates instances
// (launches.ts), which complete on later DescribeAutoScalingGroups calls. Only the capacity members are modelled.
import type { SetDesiredCapacityType, UpdateAutoScalingGroupType } from '@aws-sdk/client-auto-scaling';
import type { HandlerContext, Handlers } from '../types.ts';
import { requireGroup, validation } from './groups.ts';
import { reconcileCapacity } from './launches.ts';

function updateAutoScalingGroup(ctx: HandlerContext, input: UpdateAutoScalingGroupType) {
  const group = requireGroup(ctx, input.AutoScalingGroupName);
  for (const [name, value] of Object.entries({
    MinSize: input.MinSize,
    MaxSize: input.MaxSize,
    DesiredCapacity: input.DesiredCapacity,
  })) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw validation(`1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint`);
    }
  }
  const min = input.MinSize ?? group.MinSize ?? 0;
  const max = input.MaxSize ?? group.MaxSize ?? 0;
  if (min > max) throw validation(`Max bound, ${max}, must be greater than or equal to min bound, ${min}`);
  let desired = input.DesiredCapacity ?? group.DesiredCapacity ?? 0;
  if (input.DesiredCapacity === undefined) desired = Math.min(Math.max(desired, min), max);
  if (desired < min || desired > max) {
    throw validation(`Desired capacity:${desired} must be between the specified min size:${min} and max size:${max}`);
  }
  group.MinSize = min;
  group.MaxSize = max;
  group.DesiredCapacity = desired;
  reconcileCapacity(ctx, group);
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
  reconcileCapacity(ctx, group);
  return {};
}

export const autoScalingCapacityHandlers: Handlers = {
  UpdateAutoScalingGroup: updateAutoScalingGroup,
  SetDesiredCapacity: setDesiredCapacity,
};
