// ELBv2 target groups and their targets: DescribeTargetGroups (names, ARNs, load balancer; Marker paging),
// DescribeTargetHealth, RegisterTargets, DeregisterTargets. A deregistered target drains for the group's
// deregistration delay (300 s) before it disappears, as on AWS; deregistering a target that is not registered
// succeeds. A registered instance starts `initial` (health checks not yet passed).
import type {
  DeregisterTargetsInput,
  DescribeTargetGroupsInput,
  DescribeTargetHealthInput,
  RegisterTargetsInput,
  TargetDescription,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { awsError } from '../../errors.ts';
import type { TargetGroupRec } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const DEREGISTRATION_DELAY_MS = 300_000;

type TargetRec = TargetGroupRec['targets'][number] & { AvailabilityZone?: string; drainingSince?: string };

const notFound = (what: string) =>
  awsError('TargetGroupNotFound', `One or more target groups not found${what ? `: ${what}` : ''}`);

function requireGroup(ctx: HandlerContext, arn: string | undefined): TargetGroupRec {
  const group = ctx.regional.elbv2.targetGroups.find((g) => g.TargetGroupArn === arn);
  if (!group) throw notFound(String(arn));
  return group;
}

/** Targets whose draining is over are gone (lazily, on the next call that looks at the group). */
function liveTargets(ctx: HandlerContext, group: TargetGroupRec): TargetRec[] {
  const now = ctx.now().getTime();
  group.targets = (group.targets as TargetRec[]).filter(
    (t) => t.State !== 'draining' || !t.drainingSince || now - Date.parse(t.drainingSince) < DEREGISTRATION_DELAY_MS,
  );
  return group.targets as TargetRec[];
}

const sameTarget = (group: TargetGroupRec, a: TargetRec, b: TargetDescription) =>
  a.Id === b.Id && (b.Port === undefined || (a.Port ?? group.Port) === b.Port);

function describeTargetGroups(ctx: HandlerContext, input: DescribeTargetGroupsInput) {
  let groups = ctx.regional.elbv2.targetGroups;
  if (input.TargetGroupArns?.length) groups = input.TargetGroupArns.map((arn) => requireGroup(ctx, arn));
  if (input.Names?.length) {
    groups = input.Names.map((name) => {
      const group = groups.find((g) => g.TargetGroupName === name);
      if (!group) throw notFound(name);
      return group;
    });
  }
  if (input.LoadBalancerArn) groups = groups.filter((g) => g.LoadBalancerArns?.includes(input.LoadBalancerArn!));
  if (input.PageSize !== undefined && (input.PageSize < 1 || input.PageSize > 400)) {
    throw awsError('ValidationError', 'Page size must be between 1 and 400');
  }
  const page = paginate(groups, (g) => g.TargetGroupArn, {
    token: input.Marker,
    pageSize: input.PageSize ?? 400,
    invalidToken: () => awsError('ValidationError', 'Invalid Marker'),
  });
  return { TargetGroups: page.items, NextMarker: page.nextToken };
}

function describeTargetHealth(ctx: HandlerContext, input: DescribeTargetHealthInput) {
  const group = requireGroup(ctx, input.TargetGroupArn);
  const targets = liveTargets(ctx, group);
  const describe = (t: TargetRec) => ({
    Target: {
      Id: t.Id,
      Port: t.Port ?? group.Port,
      ...(t.AvailabilityZone ? { AvailabilityZone: t.AvailabilityZone } : {}),
    },
    HealthCheckPort: String(t.Port ?? group.Port),
    TargetHealth: {
      State: t.State,
      ...(t.State === 'draining'
        ? { Reason: 'Target.DeregistrationInProgress', Description: 'Target deregistration is in progress' }
        : {}),
      ...(t.State === 'initial'
        ? { Reason: 'Elb.RegistrationInProgress', Description: 'Target registration is in progress' }
        : {}),
    },
  });
  if (!input.Targets?.length) return { TargetHealthDescriptions: targets.map(describe) };
  return {
    TargetHealthDescriptions: input.Targets.map((asked) => {
      const found = targets.find((t) => sameTarget(group, t, asked));
      if (found) return describe(found);
      return {
        Target: { Id: asked.Id, Port: asked.Port ?? group.Port },
        TargetHealth: {
          State: 'unused',
          Reason: 'Target.NotRegistered',
          Description: 'Target is not registered to the target group',
        },
      };
    }),
  };
}

function checkTargets(
  ctx: HandlerContext,
  group: TargetGroupRec,
  targets: TargetDescription[] | undefined,
): TargetDescription[] {
  if (!targets?.length)
    throw awsError(
      'ValidationError',
      "1 validation error detected: Value null at 'targets' failed to satisfy constraint",
    );
  for (const target of targets) {
    if (group.TargetType !== 'instance') continue;
    const instance = ctx.regional.ec2.instances.find((i) => i.InstanceId === target.Id);
    if (!instance || instance.VpcId !== group.VpcId) {
      throw awsError(
        'InvalidTarget',
        `The following targets are not in the target group VPC '${group.VpcId}' or do not exist: '${target.Id}'`,
      );
    }
  }
  return targets;
}

function registerTargets(ctx: HandlerContext, input: RegisterTargetsInput) {
  const group = requireGroup(ctx, input.TargetGroupArn);
  const targets = liveTargets(ctx, group);
  for (const target of checkTargets(ctx, group, input.Targets)) {
    if (group.TargetType === 'instance') {
      const state = ctx.regional.ec2.instances.find((i) => i.InstanceId === target.Id)?.State?.Name;
      if (state !== 'running')
        throw awsError(
          'InvalidTarget',
          `The following targets are not in a running state and cannot be registered: '${target.Id}'`,
        );
    }
    const existing = targets.find((t) => sameTarget(group, t, target));
    if (existing && existing.State !== 'draining') continue;
    if (existing) {
      existing.State = 'initial';
      delete existing.drainingSince;
      continue;
    }
    targets.push({
      Id: target.Id!,
      Port: target.Port ?? group.Port,
      State: 'initial',
      ...(target.AvailabilityZone ? { AvailabilityZone: target.AvailabilityZone } : {}),
    });
  }
  return {};
}

function deregisterTargets(ctx: HandlerContext, input: DeregisterTargetsInput) {
  const group = requireGroup(ctx, input.TargetGroupArn);
  const targets = liveTargets(ctx, group);
  for (const target of checkTargets(ctx, group, input.Targets)) {
    const existing = targets.find((t) => sameTarget(group, t, target));
    if (!existing || existing.State === 'draining') continue;
    existing.State = 'draining';
    existing.drainingSince = ctx.now().toISOString();
  }
  return {};
}

export const targetHandlers: Handlers = {
  DescribeTargetGroups: describeTargetGroups,
  DescribeTargetHealth: describeTargetHealth,
  RegisterTargets: registerTargets,
  DeregisterTargets: deregisterTargets,
};
