// Auto Scaling groups as containment and release touch them: DescribeAutoScalingGroups, DescribeAutoScalingInstances
// (unknown ids ignored, as AWS does), DetachInstances and AttachInstances. Detaching without decrementing the
// desired capacity makes the group launch a replacement (a new pending instance from the detached one's shape,
// with its own ENI and root volume, registered in the group's target groups), and the detached instance is
// deregistered from those target groups. Attaching raises the desired capacity by one and fails past MaxSize.
import type {
  AttachInstancesQuery,
  AutoScalingGroupNamesType,
  DescribeAutoScalingInstancesType,
  DetachInstancesQuery,
} from '@aws-sdk/client-auto-scaling';
import { awsError } from '../../errors.ts';
import type { Ec2State, RegionState } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';

type GroupRec = RegionState['autoScaling']['groups'][number];
type InstanceRec = Ec2State['instances'][number];

const validation = (message: string) => awsError('ValidationError', message);

function requireGroup(ctx: HandlerContext, name: string | undefined): GroupRec {
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
  return { AutoScalingGroups: page.items, NextToken: page.nextToken };
}

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

function setTargetState(ctx: HandlerContext, group: GroupRec, instanceId: string, state: 'draining' | 'initial') {
  for (const arn of group.TargetGroupARNs ?? []) {
    const tg = ctx.regional.elbv2.targetGroups.find((t) => t.TargetGroupArn === arn);
    if (!tg) continue;
    const target = tg.targets.find((t) => t.Id === instanceId) as (typeof tg.targets)[number] & {
      drainingSince?: string;
    };
    if (state === 'draining' && target && target.State !== 'draining') {
      target.State = 'draining';
      target.drainingSince = ctx.now().toISOString();
    }
    if (state === 'initial' && !target) tg.targets.push({ Id: instanceId, Port: tg.Port, State: 'initial' });
    if (state === 'initial' && target?.State === 'draining') {
      target.State = 'initial';
      delete target.drainingSince;
    }
  }
}

/** The replacement the group launches for a detached instance: same shape, new ids, pending. */
function launchReplacement(ctx: HandlerContext, group: GroupRec, template: InstanceRec): string {
  const ec2 = ctx.regional.ec2;
  const instanceId = ctx.account.newId('i');
  const subnet = ec2.subnets.find((s) => s.SubnetId === template.SubnetId);
  const used = new Set(ec2.networkInterfaces.map((n) => n.PrivateIpAddress));
  const prefix = (template.PrivateIpAddress ?? '10.0.0.1').split('.').slice(0, 3).join('.');
  let host = 100;
  while (used.has(`${prefix}.${host}`) && host < 250) host += 1;
  const privateIp = `${prefix}.${host}`;
  const eniId = ctx.account.newId('eni');
  const volumeId = ctx.account.newId('vol');
  const now = ctx.now().toISOString();
  const templateEni = ec2.networkInterfaces.find(
    (n) => n.Attachment?.InstanceId === template.InstanceId && n.Attachment?.DeviceIndex === 0,
  );
  const groups = templateEni?.Groups ?? template.SecurityGroups ?? [];
  const attachment = {
    AttachmentId: ctx.account.newId('eni-attach'),
    AttachTime: now,
    DeleteOnTermination: true,
    DeviceIndex: 0,
    InstanceId: instanceId,
    InstanceOwnerId: ctx.accountId,
    Status: 'attached',
  };
  const eni = {
    NetworkInterfaceId: eniId,
    AvailabilityZone: subnet?.AvailabilityZone,
    VpcId: template.VpcId,
    SubnetId: template.SubnetId,
    Description: '',
    Groups: groups,
    InterfaceType: 'interface',
    OwnerId: ctx.accountId,
    RequesterManaged: false,
    SourceDestCheck: true,
    Status: 'in-use',
    PrivateIpAddress: privateIp,
    PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: privateIp }],
    TagSet: [],
    Attachment: attachment,
  };
  ec2.networkInterfaces.push(eni as Ec2State['networkInterfaces'][number]);
  const rootDevice = template.RootDeviceName ?? '/dev/xvda';
  const rootTemplate = ec2.volumes.find((v) =>
    v.Attachments?.some((a) => a.InstanceId === template.InstanceId && a.Device === rootDevice),
  );
  ec2.volumes.push({
    VolumeId: volumeId,
    Size: rootTemplate?.Size ?? 8,
    VolumeType: rootTemplate?.VolumeType ?? 'gp3',
    AvailabilityZone: subnet?.AvailabilityZone,
    CreateTime: now,
    State: 'in-use',
    Encrypted: rootTemplate?.Encrypted ?? false,
    Attachments: [
      {
        AttachTime: now,
        Device: rootDevice,
        InstanceId: instanceId,
        State: 'attached',
        VolumeId: volumeId,
        DeleteOnTermination: true,
      },
    ],
    Tags: [],
  } as Ec2State['volumes'][number]);
  const name = template.Tags?.find((t) => t.Key === 'Name')?.Value;
  ec2.instances.push({
    ...structuredClone(template),
    InstanceId: instanceId,
    ReservationId: ctx.account.newId('r'),
    LaunchTime: now,
    State: { Code: 0, Name: 'pending' },
    PrivateIpAddress: privateIp,
    PublicIpAddress: undefined,
    PublicDnsName: undefined,
    SecurityGroups: groups,
    NetworkInterfaces: [{ ...structuredClone(eni), Association: undefined }],
    BlockDeviceMappings: [
      {
        DeviceName: rootDevice,
        Ebs: { AttachTime: now, DeleteOnTermination: true, Status: 'attached', VolumeId: volumeId },
      },
    ],
    Tags: [
      ...(name ? [{ Key: 'Name', Value: name }] : []),
      { Key: 'aws:autoscaling:groupName', Value: group.AutoScalingGroupName! },
    ],
  } as InstanceRec);
  group.Instances = [
    ...(group.Instances ?? []),
    {
      InstanceId: instanceId,
      InstanceType: template.InstanceType,
      AvailabilityZone: subnet?.AvailabilityZone,
      LifecycleState: 'Pending',
      HealthStatus: 'Healthy',
      ProtectedFromScaleIn: false,
      LaunchTemplate: group.LaunchTemplate,
    },
  ];
  setTargetState(ctx, group, instanceId, 'initial');
  return instanceId;
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

export const autoScalingHandlers: Handlers = {
  DescribeAutoScalingGroups: describeAutoScalingGroups,
  DescribeAutoScalingInstances: describeAutoScalingInstances,
  DetachInstances: detachInstances,
  AttachInstances: attachInstances,
};
