// Instances a scale-out launched (UpdateAutoScalingGroup raising the desired capacity, capacity.ts) come up over
// time: the DescribeAutoScalingGroups that first shows them Pending settles them, so the next one shows them
// InService, their EC2 instance running and their targets healthy in the group's target groups (the health checks
// passed), as a waiter polling the group would see.
import type { HandlerContext } from '../types.ts';

export function settleLaunches(ctx: HandlerContext): void {
  const launches = ctx.regional.autoScaling.launches ?? [];
  if (!launches.length) return;
  for (const { instanceId, group: name } of launches) {
    const group = ctx.regional.autoScaling.groups.find((g) => g.AutoScalingGroupName === name);
    const member = group?.Instances?.find((i) => i.InstanceId === instanceId);
    if (member?.LifecycleState === 'Pending') member.LifecycleState = 'InService';
    const instance = ctx.regional.ec2.instances.find((i) => i.InstanceId === instanceId);
    if (instance?.State?.Name === 'pending') instance.State = { Code: 16, Name: 'running' };
    for (const arn of group?.TargetGroupARNs ?? []) {
      const target = ctx.regional.elbv2.targetGroups
        .find((t) => t.TargetGroupArn === arn)
        ?.targets.find((t) => t.Id === instanceId);
      if (target?.State === 'initial') target.State = 'healthy';
    }
  }
  ctx.regional.autoScaling.launches = [];
}
