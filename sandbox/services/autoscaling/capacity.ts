// Auto Scaling SetDesiredCapacity: the new desired capacity must lie within the group's minimum and maximum
// (ValidationError otherwise, in AWS's words). The sandbox launches no instances; the group's DesiredCapacity is
// what DescribeAutoScalingGroups reads back.
import type { SetDesiredCapacityType } from '@aws-sdk/client-auto-scaling';
import type { HandlerContext, Handlers } from '../types.ts';
import { requireGroup, validation } from './groups.ts';

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

export const autoScalingCapacityHandlers: Handlers = { SetDesiredCapacity: setDesiredCapacity };
