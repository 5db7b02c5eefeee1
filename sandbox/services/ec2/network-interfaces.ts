// Network interfaces: DescribeNetworkInterfaces (ids, filters, MaxResults 5..1000 + NextToken). ENIs keep their
// tags in TagSet (not Tags), as EC2 returns them.
import type { DescribeNetworkInterfacesRequest } from '@aws-sdk/client-ec2';
import type { Ec2State } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { applyFilters, type FilterFields } from './filters.ts';
import { ec2PageSize, invalidEc2Token, requireByIds } from './resources.ts';

type EniRec = Ec2State['networkInterfaces'][number];

const ENI_FILTERS: FilterFields<EniRec> = {
  'addresses.private-ip-address': (n) => n.PrivateIpAddresses?.map((p) => p.PrivateIpAddress),
  'association.allocation-id': (n) => n.Association?.AllocationId,
  'association.public-ip': (n) => n.Association?.PublicIp,
  'attachment.attachment-id': (n) => n.Attachment?.AttachmentId,
  'attachment.device-index': (n) => n.Attachment?.DeviceIndex,
  'attachment.instance-id': (n) => n.Attachment?.InstanceId,
  'attachment.status': (n) => n.Attachment?.Status,
  'availability-zone': (n) => n.AvailabilityZone,
  description: (n) => n.Description,
  'group-id': (n) => n.Groups?.map((g) => g.GroupId),
  'group-name': (n) => n.Groups?.map((g) => g.GroupName),
  'interface-type': (n) => n.InterfaceType,
  'mac-address': (n) => n.MacAddress,
  'network-interface-id': (n) => n.NetworkInterfaceId,
  'owner-id': (n) => n.OwnerId,
  'private-ip-address': (n) => n.PrivateIpAddress,
  'requester-managed': (n) => n.RequesterManaged ?? false,
  'source-dest-check': (n) => n.SourceDestCheck,
  status: (n) => n.Status,
  'subnet-id': (n) => n.SubnetId,
  'vpc-id': (n) => n.VpcId,
};

function describeNetworkInterfaces(ctx: HandlerContext, input: DescribeNetworkInterfacesRequest) {
  const pageSize = ec2PageSize(input, 'NetworkInterfaceIds', { min: 5, max: 1000 });
  const selected = input.NetworkInterfaceIds?.length
    ? requireByIds<EniRec>(ctx, 'networkInterfaces', input.NetworkInterfaceIds)
    : ctx.regional.ec2.networkInterfaces;
  const matching = applyFilters(selected, input.Filters, ENI_FILTERS, (n) => n.TagSet);
  const page = paginate(matching, (n) => n.NetworkInterfaceId, {
    token: input.NextToken,
    pageSize,
    invalidToken: invalidEc2Token,
  });
  return { NetworkInterfaces: page.items, NextToken: page.nextToken };
}

export const networkInterfaceHandlers: Handlers = {
  DescribeNetworkInterfaces: describeNetworkInterfaces,
};
