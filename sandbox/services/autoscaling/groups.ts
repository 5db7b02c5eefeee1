// Auto Scaling groups: DescribeAutoScalingGroups (names, MaxRecords up to 100 + NextToken), and the lookup and
// error the group operations share (AWS answers an unknown group, like any bad request, with ValidationError).
// A describe completes the launches and terminations whose time has come (launches.ts).
import type { AutoScalingGroupNamesType } from '@aws-sdk/client-auto-scaling';
import { awsError } from '../../errors.ts';
import type { RegionState } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { settleGroup } from './launches.ts';

type GroupRec = RegionState['autoScaling']['groups'][number];

export const validation = (message: string) => awsError('ValidationError', message);

export function requireGroup(ctx: HandlerContext, name: string | undefined): GroupRec {
  const group = ctx.regional.autoScaling.groups.find((g) => g.AutoScalingGroupName === name);
  if (!group) throw validation(`AutoScalingGroup name not found - AutoScalingGroup ${name} not found`);
  return group;
}

function describeAutoScalingGroups(ctx: HandlerContext, input: AutoScalingGroupNamesType) {
  const names = input.AutoScalingGroupNames;
  const groups = names?.length
    ? ctx.regional.autoScaling.groups.filter((g) => names.includes(g.AutoScalingGroupName!))
    : ctx.regional.autoScaling.groups;
  const page = paginate(groups, (g) => g.AutoScalingGroupName!, {
    token: input.NextToken,
    pageSize: Math.min(input.MaxRecords ?? 50, 100),
    invalidToken: () => validation('The token provided is invalid.'),
  });
  for (const group of page.items) settleGroup(ctx, group);
  return { AutoScalingGroups: page.items, NextToken: page.nextToken };
}

export const autoScalingGroupHandlers: Handlers = {
  DescribeAutoScalingGroups: describeAutoScalingGroups,
};
