// Security groups: DescribeSecurityGroups (GroupIds, GroupNames, filters, MaxResults 5..1000 + NextToken).
import type { DescribeSecurityGroupsRequest } from '@aws-sdk/client-ec2';
import { awsError } from '../../errors.ts';
import type { Ec2State } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { applyFilters, type FilterFields } from './filters.ts';
import { ec2PageSize, invalidEc2Token, requireByIds } from './resources.ts';

type GroupRec = Ec2State['securityGroups'][number];

const SECURITY_GROUP_FILTERS: FilterFields<GroupRec> = {
  description: (g) => g.Description,
  'egress.ip-permission.cidr': (g) => g.IpPermissionsEgress?.map((p) => p.IpRanges?.map((r) => r.CidrIp)),
  'group-id': (g) => g.GroupId,
  'group-name': (g) => g.GroupName,
  'ip-permission.cidr': (g) => g.IpPermissions?.map((p) => p.IpRanges?.map((r) => r.CidrIp)),
  'ip-permission.from-port': (g) => g.IpPermissions?.map((p) => p.FromPort),
  'ip-permission.group-id': (g) => g.IpPermissions?.map((p) => p.UserIdGroupPairs?.map((u) => u.GroupId)),
  'ip-permission.protocol': (g) => g.IpPermissions?.map((p) => p.IpProtocol),
  'ip-permission.to-port': (g) => g.IpPermissions?.map((p) => p.ToPort),
  'owner-id': (g) => g.OwnerId,
  'vpc-id': (g) => g.VpcId,
};

function describeSecurityGroups(ctx: HandlerContext, input: DescribeSecurityGroupsRequest) {
  const pageSize = ec2PageSize(input, 'GroupIds', { min: 5, max: 1000 });
  let selected = input.GroupIds?.length
    ? requireByIds<GroupRec>(ctx, 'securityGroups', input.GroupIds)
    : ctx.regional.ec2.securityGroups;
  if (input.GroupNames?.length) {
    // Like EC2, names are looked up in the default VPC (here: the first VPC of the region).
    const defaultVpc = ctx.regional.ec2.vpcs.find((v) => v.IsDefault)?.VpcId ?? ctx.regional.ec2.vpcs[0]?.VpcId;
    for (const name of input.GroupNames) {
      if (!selected.some((g) => g.GroupName === name && g.VpcId === defaultVpc)) {
        throw awsError(
          'InvalidGroup.NotFound',
          `The security group '${name}' does not exist in default VPC '${defaultVpc}'`,
        );
      }
    }
    selected = selected.filter((g) => input.GroupNames!.includes(g.GroupName!) && g.VpcId === defaultVpc);
  }
  const matching = applyFilters(selected, input.Filters, SECURITY_GROUP_FILTERS);
  const page = paginate(matching, (g) => g.GroupId, {
    token: input.NextToken,
    pageSize,
    invalidToken: invalidEc2Token,
  });
  return { SecurityGroups: page.items, NextToken: page.nextToken };
}

export const securityGroupHandlers: Handlers = {
  DescribeSecurityGroups: describeSecurityGroups,
};
