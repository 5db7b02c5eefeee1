// EC2 instances: DescribeInstances (ids, filters, MaxResults 5..1000 + NextToken), answered as Reservations like
// EC2 does: the page is cut over instances, then instances are grouped by the reservation they were launched in.
import type { DescribeInstancesRequest } from '@aws-sdk/client-ec2';
import type { Ec2State } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { applyFilters, type FilterFields } from './filters.ts';
import { ec2PageSize, invalidEc2Token, requireByIds } from './resources.ts';

type InstanceRec = Ec2State['instances'][number];

const INSTANCE_FILTERS: FilterFields<InstanceRec> = {
  architecture: (i) => i.Architecture,
  'availability-zone': (i) => i.Placement?.AvailabilityZone,
  'block-device-mapping.device-name': (i) => i.BlockDeviceMappings?.map((b) => b.DeviceName),
  'block-device-mapping.volume-id': (i) => i.BlockDeviceMappings?.map((b) => b.Ebs?.VolumeId),
  'dns-name': (i) => i.PublicDnsName,
  'iam-instance-profile.arn': (i) => i.IamInstanceProfile?.Arn,
  'image-id': (i) => i.ImageId,
  'instance-id': (i) => i.InstanceId,
  'instance-lifecycle': (i) => i.InstanceLifecycle,
  'instance-state-code': (i) => i.State?.Code,
  'instance-state-name': (i) => i.State?.Name,
  'instance-type': (i) => i.InstanceType,
  'instance.group-id': (i) => i.SecurityGroups?.map((g) => g.GroupId),
  'instance.group-name': (i) => i.SecurityGroups?.map((g) => g.GroupName),
  'ip-address': (i) => i.PublicIpAddress,
  'key-name': (i) => i.KeyName,
  'launch-time': (i) => i.LaunchTime,
  'network-interface.network-interface-id': (i) => i.NetworkInterfaces?.map((n) => n.NetworkInterfaceId),
  'private-dns-name': (i) => i.PrivateDnsName,
  'private-ip-address': (i) => i.PrivateIpAddress,
  'reservation-id': (i) => i.ReservationId,
  'root-device-type': (i) => i.RootDeviceType,
  'subnet-id': (i) => i.SubnetId,
  'vpc-id': (i) => i.VpcId,
};

function describeInstances(ctx: HandlerContext, input: DescribeInstancesRequest) {
  const pageSize = ec2PageSize(input, 'InstanceIds', { min: 5, max: 1000 });
  const selected = input.InstanceIds?.length
    ? requireByIds<InstanceRec>(ctx, 'instances', input.InstanceIds)
    : ctx.regional.ec2.instances;
  const matching = applyFilters(selected, input.Filters, INSTANCE_FILTERS);
  const page = paginate(matching, (i) => i.InstanceId, {
    token: input.NextToken,
    pageSize,
    invalidToken: invalidEc2Token,
  });
  return { Reservations: groupByReservation(ctx, page.items), NextToken: page.nextToken };
}

function groupByReservation(ctx: HandlerContext, instances: InstanceRec[]) {
  const reservations = new Map<
    string,
    { ReservationId: string; OwnerId: string; Groups: []; Instances: InstanceRec[] }
  >();
  for (const instance of instances) {
    const id = instance.ReservationId;
    if (!reservations.has(id))
      reservations.set(id, { ReservationId: id, OwnerId: ctx.accountId, Groups: [], Instances: [] });
    reservations.get(id)!.Instances.push(instance);
  }
  return [...reservations.values()];
}

export const instanceHandlers: Handlers = {
  DescribeInstances: describeInstances,
};
