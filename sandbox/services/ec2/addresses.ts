// Elastic IPs: DescribeAddresses (PublicIps, AllocationIds, filters; not paginated) and DescribeAddressesAttribute
// (domain-name: the reverse-DNS PTR record, which DescribeAddresses does not show).
import type { DescribeAddressesAttributeRequest, DescribeAddressesRequest } from '@aws-sdk/client-ec2';
import { awsError } from '../../errors.ts';
import type { Ec2State } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { applyFilters, type FilterFields } from './filters.ts';
import { invalidEc2Token, requireByIds } from './resources.ts';

type AddressRec = Ec2State['addresses'][number];

const ADDRESS_FILTERS: FilterFields<AddressRec> = {
  'allocation-id': (a) => a.AllocationId,
  'association-id': (a) => a.AssociationId,
  domain: (a) => a.Domain,
  'instance-id': (a) => a.InstanceId,
  'network-border-group': (a) => a.NetworkBorderGroup,
  'network-interface-id': (a) => a.NetworkInterfaceId,
  'network-interface-owner-id': (a) => a.NetworkInterfaceOwnerId,
  'private-ip-address': (a) => a.PrivateIpAddress,
  'public-ip': (a) => a.PublicIp,
};

function describeAddresses(ctx: HandlerContext, input: DescribeAddressesRequest) {
  let selected = ctx.regional.ec2.addresses;
  if (input.AllocationIds?.length) selected = requireByIds<AddressRec>(ctx, 'addresses', input.AllocationIds);
  if (input.PublicIps?.length) {
    for (const ip of input.PublicIps) {
      if (!selected.some((a) => a.PublicIp === ip)) {
        throw awsError('InvalidAddress.NotFound', `Address '${ip}' not found.`);
      }
    }
    selected = selected.filter((a) => input.PublicIps!.includes(a.PublicIp!));
  }
  return { Addresses: applyFilters(selected, input.Filters, ADDRESS_FILTERS) };
}

function describeAddressesAttribute(ctx: HandlerContext, input: DescribeAddressesAttributeRequest) {
  if (input.Attribute !== 'domain-name') {
    throw awsError('InvalidParameterValue', `Value (${input.Attribute}) for parameter attribute is invalid.`);
  }
  const selected = input.AllocationIds?.length
    ? requireByIds<AddressRec>(ctx, 'addresses', input.AllocationIds)
    : ctx.regional.ec2.addresses;
  const withPtr = selected.filter((a) => a.PtrRecord !== undefined);
  const page = paginate(withPtr, (a) => a.AllocationId, {
    token: input.NextToken,
    pageSize: input.MaxResults,
    invalidToken: invalidEc2Token,
  });
  const Addresses = page.items.map((a) => ({
    PublicIp: a.PublicIp,
    AllocationId: a.AllocationId,
    PtrRecord: a.PtrRecord,
  }));
  return { Addresses, NextToken: page.nextToken };
}

export const addressHandlers: Handlers = {
  DescribeAddresses: describeAddresses,
  DescribeAddressesAttribute: describeAddressesAttribute,
};
