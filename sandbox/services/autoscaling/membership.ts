// What a change of an Auto Scaling group's members does elsewhere in the account: the instance is deregistered from
// (draining) or registered in (initial) the group's target groups, and a member detached without decrementing the
// desired capacity is replaced: the group launches a new pending instance from the detached one's shape, with its
// own ENI and root volume.
import type { Ec2State, RegionState } from '../../state.ts';
import type { HandlerContext } from '../types.ts';

type GroupRec = RegionState['autoScaling']['groups'][number];
type InstanceRec = Ec2State['instances'][number];

/** A member leaving drains from the group's target groups; one joining is registered (or stops draining). */
export function setTargetState(
  ctx: HandlerContext,
  group: GroupRec,
  instanceId: string,
  state: 'draining' | 'initial',
) {
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
export function launchReplacement(ctx: HandlerContext, group: GroupRec, template: InstanceRec): string {
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
