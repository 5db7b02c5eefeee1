// How an Auto Scaling group reaches its desired capacity over time: instances it launches are Pending (EC2 pending,
// `initial` in the group's target groups) and become InService, running and healthy on a later describe; instances
// it terminates are Terminating (draining from the target groups) and leave the group, terminated, on a later
// describe (services/progress.ts). The instances to terminate are the newest unprotected ones (the sandbox's
// stand-in for the default termination policy).
import { NotImplementedInSandbox } from '../../errors.ts';
import type { Pending, RegionState } from '../../state.ts';
import { advance, pendingChange } from '../progress.ts';
import type { HandlerContext } from '../types.ts';
import { launchReplacement, setTargetState } from './membership.ts';

type GroupRec = RegionState['autoScaling']['groups'][number];
type MemberRec = NonNullable<GroupRec['Instances']>[number] & { pending?: Pending };

const members = (group: GroupRec) => (group.Instances ?? []) as MemberRec[];
const counting = (group: GroupRec) => members(group).filter((m) => !/^Terminat/.test(m.LifecycleState ?? ''));

function ec2Instance(ctx: HandlerContext, id: string | undefined) {
  return ctx.regional.ec2.instances.find((i) => i.InstanceId === id);
}

/** The instance a launch copies: a member of the group, or an earlier one that carried its name tag. */
function templateOf(ctx: HandlerContext, group: GroupRec) {
  const member = members(group)
    .map((m) => ec2Instance(ctx, m.InstanceId))
    .find(Boolean);
  const earlier = ctx.regional.ec2.instances.find((i) =>
    i.Tags?.some((t) => t.Key === 'aws:autoscaling:groupName' && t.Value === group.AutoScalingGroupName),
  );
  const template = member ?? earlier;
  if (!template) {
    throw new NotImplementedInSandbox('AutoScaling', 'UpdateAutoScalingGroup', 'launching with no instance to copy');
  }
  return template;
}

/** Launches or terminates instances until the group counts its desired capacity (the change completes later). */
export function reconcileCapacity(ctx: HandlerContext, group: GroupRec): void {
  const desired = group.DesiredCapacity ?? 0;
  let current = counting(group);
  while (current.length < desired) {
    const id = launchReplacement(ctx, group, templateOf(ctx, group));
    const member = members(group).find((m) => m.InstanceId === id)!;
    member.pending = pendingChange(ctx, { reads: 1, seconds: 180 });
    current = counting(group);
  }
  const surplus = current
    .filter((m) => !m.ProtectedFromScaleIn)
    .sort((a, b) => launchTime(ctx, b).localeCompare(launchTime(ctx, a)))
    .slice(0, Math.max(0, current.length - desired));
  for (const member of surplus) {
    member.LifecycleState = 'Terminating';
    member.pending = pendingChange(ctx, { reads: 1, seconds: 120 });
    setTargetState(ctx, group, member.InstanceId!, 'draining');
    const instance = ec2Instance(ctx, member.InstanceId);
    if (instance) instance.State = { Code: 32, Name: 'shutting-down' };
  }
}

const launchTime = (ctx: HandlerContext, member: MemberRec) =>
  String(ec2Instance(ctx, member.InstanceId)?.LaunchTime ?? '');

/**
 * A describe of the group: launches and terminations whose time has come complete. (A replacement launched for a
 * detached instance, membership.ts, stays Pending as before: only the launches of a capacity change progress.)
 */
export function settleGroup(ctx: HandlerContext, group: GroupRec): void {
  for (const member of members(group)) {
    if (!member.pending || !advance(ctx, member.pending)) continue;
    delete member.pending;
    const instance = ec2Instance(ctx, member.InstanceId);
    if (member.LifecycleState === 'Terminating') {
      group.Instances = members(group).filter((m) => m !== member);
      if (instance) instance.State = { Code: 48, Name: 'terminated' };
      continue;
    }
    member.LifecycleState = 'InService';
    member.HealthStatus = 'Healthy';
    if (instance) instance.State = { Code: 16, Name: 'running' };
    for (const arn of group.TargetGroupARNs ?? []) {
      const target = ctx.regional.elbv2.targetGroups
        .find((t) => t.TargetGroupArn === arn)
        ?.targets.find((t) => t.Id === member.InstanceId);
      if (target?.State === 'initial') target.State = 'healthy';
    }
  }
}
