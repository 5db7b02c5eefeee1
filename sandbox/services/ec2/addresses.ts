// Elastic IPs: DescribeAddresses (PublicIps, AllocationIds, filters; not paginated), DescribeAddressesAttribute
// (domain-name: the reverse-DNS PTR record, which DescribeAddresses does not show), ReleaseAddress and
// Associate/DisassociateAddress. As on AWS: an associated address, one with a reverse-DNS record
// (InvalidAddress.PtrSet) and one the fixture marks `Locked: true` (InvalidAddress.Locked) are not released; an
// association is written to the address and to the ENI (and the instance's copy of it, attached-enis.ts), and the
// primary ENI's public IP is the instance's.
import type {
  AssociateAddressRequest,
  DescribeAddressesAttributeRequest,
  DescribeAddressesRequest,
  DisassociateAddressRequest,
  ReleaseAddressRequest,
} from '@aws-sdk/client-ec2';
import { awsError } from '../../errors.ts';
import type { Ec2State } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { attachedInstance, primaryEni, setEni } from './attached-enis.ts';
import { applyFilters, type FilterFields } from './filters.ts';
import {
  invalidEc2Token,
  removeRecord,
  requireByIds,
  requireInstance,
  requireResource,
  stopIfDryRun,
} from './resources.ts';

type AddressRec = Ec2State['addresses'][number];
type EniRec = Ec2State['networkInterfaces'][number];

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

function releaseAddress(ctx: HandlerContext, input: ReleaseAddressRequest) {
  const addresses = ctx.regional.ec2.addresses;
  const address = input.AllocationId
    ? (requireResource(ctx, input.AllocationId).record as AddressRec)
    : addresses.find((candidate) => candidate.PublicIp === input.PublicIp);
  if (!address) throw awsError('InvalidAddress.NotFound', `Address '${input.PublicIp}' not found.`);
  if (
    input.NetworkBorderGroup &&
    address.NetworkBorderGroup &&
    input.NetworkBorderGroup !== address.NetworkBorderGroup
  ) {
    throw awsError(
      'InvalidAddress.NotFound',
      `The address '${address.AllocationId}' does not exist in ${input.NetworkBorderGroup}.`,
    );
  }
  if (address.AssociationId) throw awsError('InvalidIPAddress.InUse', `Address ${address.PublicIp} is in use.`);
  if (address.Locked) {
    throw awsError(
      'InvalidAddress.Locked',
      'The specified Elastic IP address cannot be released from your account. A reverse DNS record may be associated with the Elastic IP address. To unlock the address, contact AWS Support.',
    );
  }
  if (address.PtrRecord) {
    throw awsError(
      'InvalidAddress.PtrSet',
      `The address ${address.PublicIp} has a reverse DNS record; remove it first.`,
    );
  }
  stopIfDryRun(input);
  removeRecord(addresses, address);
  return {};
}

function disassociateAddress(ctx: HandlerContext, input: DisassociateAddressRequest) {
  const address = ctx.regional.ec2.addresses.find((a) =>
    input.AssociationId
      ? a.AssociationId === input.AssociationId
      : input.PublicIp !== undefined && a.PublicIp === input.PublicIp,
  );
  if (!address?.AssociationId) {
    throw awsError(
      'InvalidAssociationID.NotFound',
      `The association ID '${input.AssociationId ?? input.PublicIp}' does not exist`,
    );
  }
  const eni = ctx.regional.ec2.networkInterfaces.find((n) => n.NetworkInterfaceId === address.NetworkInterfaceId);
  const instance = eni ? attachedInstance(ctx, eni) : undefined;
  if (eni) setEni(instance, eni, { Association: undefined });
  if (instance && eni?.Attachment?.DeviceIndex === 0) {
    delete instance.PublicIpAddress;
    delete instance.PublicDnsName;
  }
  for (const key of [
    'AssociationId',
    'InstanceId',
    'NetworkInterfaceId',
    'NetworkInterfaceOwnerId',
    'PrivateIpAddress',
  ] as const) {
    delete (address as Partial<AddressRec>)[key];
  }
  return {};
}

function associateAddress(ctx: HandlerContext, input: AssociateAddressRequest) {
  const address = requireResource(ctx, input.AllocationId ?? '').record as unknown as AddressRec;
  const eni = input.NetworkInterfaceId
    ? (requireResource(ctx, input.NetworkInterfaceId).record as unknown as EniRec)
    : primaryEni(ctx, requireInstance(ctx, input.InstanceId));
  if (!eni) throw awsError('InvalidInstanceID', `The instance ${input.InstanceId} has no primary network interface`);
  if (address.AssociationId && !input.AllowReassociation) {
    throw awsError(
      'Resource.AlreadyAssociated',
      `resource ${address.AllocationId} is already associated with associate-id ${address.AssociationId}`,
    );
  }
  if (address.AssociationId) disassociateAddress(ctx, { AssociationId: address.AssociationId });
  const privateIp = input.PrivateIpAddress ?? eni.PrivateIpAddress;
  const associationId = ctx.account.newId('eipassoc');
  const instance = attachedInstance(ctx, eni);
  setEni(instance, eni, {
    Association: {
      AllocationId: address.AllocationId,
      AssociationId: associationId,
      IpOwnerId: ctx.accountId,
      PublicIp: address.PublicIp,
    },
  });
  if (instance && eni.Attachment?.DeviceIndex === 0) instance.PublicIpAddress = address.PublicIp;
  Object.assign(address, {
    AssociationId: associationId,
    InstanceId: instance?.InstanceId,
    NetworkInterfaceId: eni.NetworkInterfaceId,
    NetworkInterfaceOwnerId: ctx.accountId,
    PrivateIpAddress: privateIp,
  });
  return { AssociationId: associationId };
}

export const addressHandlers: Handlers = {
  DescribeAddresses: describeAddresses,
  DescribeAddressesAttribute: describeAddressesAttribute,
  ReleaseAddress: releaseAddress,
  AssociateAddress: associateAddress,
  DisassociateAddress: disassociateAddress,
};
