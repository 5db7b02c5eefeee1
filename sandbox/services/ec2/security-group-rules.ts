// Security group changes: CreateSecurityGroup (a new group allows all egress: IPv4, and IPv6 in a dual-stack VPC),
// Authorize/RevokeSecurityGroupIngress/Egress. Rules are compared one by one (protocol, ports, one source):
// authorizing an existing rule fails the call (InvalidPermission.Duplicate); revoking a rule the group does not have
// fails (InvalidPermission.NotFound) except in a default VPC, where EC2 answers success and lists it in
// UnknownIpPermissions.
import type {
  AuthorizeSecurityGroupEgressRequest,
  AuthorizeSecurityGroupIngressRequest,
  CreateSecurityGroupRequest,
  IpPermission,
  RevokeSecurityGroupEgressRequest,
  RevokeSecurityGroupIngressRequest,
} from '@aws-sdk/client-ec2';
import { awsError } from '../../errors.ts';
import type { Ec2State, Stored } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { requireResource } from './resources.ts';

type GroupRec = Ec2State['securityGroups'][number];
type Permission = Stored<IpPermission>;

interface Rule {
  protocol: string;
  from?: number;
  to?: number;
  kind: 'IpRanges' | 'Ipv6Ranges' | 'UserIdGroupPairs' | 'PrefixListIds';
  source: string;
  entry: Record<string, unknown>;
}

const PROTOCOLS: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1' };
const normalProtocol = (protocol: string | undefined) =>
  PROTOCOLS[String(protocol ?? '').toLowerCase()] ?? String(protocol).toLowerCase();

const SOURCE_OF: Record<Rule['kind'], string> = {
  IpRanges: 'CidrIp',
  Ipv6Ranges: 'CidrIpv6',
  UserIdGroupPairs: 'GroupId',
  PrefixListIds: 'PrefixListId',
};

function expand(permissions: Permission[] | undefined): Rule[] {
  return (permissions ?? []).flatMap((permission) => {
    const protocol = normalProtocol(permission.IpProtocol);
    const ports = protocol === '-1' ? {} : { from: permission.FromPort, to: permission.ToPort };
    return (Object.keys(SOURCE_OF) as Rule['kind'][]).flatMap((kind) =>
      ((permission[kind] ?? []) as Record<string, unknown>[]).map((entry) => ({
        protocol,
        ...ports,
        kind,
        source: String(entry[SOURCE_OF[kind]]),
        entry,
      })),
    );
  });
}

const keyOf = (rule: Rule) => `${rule.protocol}|${rule.from ?? ''}|${rule.to ?? ''}|${rule.kind}|${rule.source}`;

function collapse(rules: Rule[]): Permission[] {
  const byPorts = new Map<string, Permission>();
  for (const rule of rules) {
    const key = `${rule.protocol}|${rule.from ?? ''}|${rule.to ?? ''}`;
    let permission = byPorts.get(key);
    if (!permission) {
      permission = {
        IpProtocol: rule.protocol,
        ...(rule.protocol === '-1' ? {} : { FromPort: rule.from, ToPort: rule.to }),
        IpRanges: [],
        Ipv6Ranges: [],
        UserIdGroupPairs: [],
        PrefixListIds: [],
      };
      byPorts.set(key, permission);
    }
    (permission[rule.kind] as Record<string, unknown>[]).push(rule.entry);
  }
  return [...byPorts.values()];
}

function validate(rules: Rule[]): void {
  for (const rule of rules) {
    if (
      rule.protocol !== '-1' &&
      (rule.protocol === 'tcp' || rule.protocol === 'udp') &&
      (rule.from === undefined || rule.to === undefined)
    ) {
      throw awsError(
        'InvalidParameterValue',
        `Invalid value for portRange. Must specify both from and to ports with TCP/UDP.`,
      );
    }
    if (rule.kind === 'IpRanges' && !/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(rule.source)) {
      throw awsError('InvalidParameterValue', `CIDR block ${rule.source} is malformed`);
    }
  }
}

type Direction = 'IpPermissions' | 'IpPermissionsEgress';

function requireGroup(ctx: HandlerContext, groupId: string | undefined): GroupRec {
  return requireResource(ctx, groupId ?? '').record as unknown as GroupRec;
}

function authorize(
  ctx: HandlerContext,
  groupId: string | undefined,
  permissions: IpPermission[] | undefined,
  direction: Direction,
) {
  const group = requireGroup(ctx, groupId);
  const adding = expand(permissions as Permission[]);
  validate(adding);
  const existing = expand(group[direction]);
  const duplicate = adding.find((rule) => existing.some((have) => keyOf(have) === keyOf(rule)));
  if (duplicate) {
    throw awsError(
      'InvalidPermission.Duplicate',
      `the specified rule "peer: ${duplicate.source}, ${duplicate.protocol.toUpperCase()}, ALLOW" already exists`,
    );
  }
  group[direction] = collapse([...existing, ...adding]);
  const egress = direction === 'IpPermissionsEgress';
  return {
    Return: true,
    SecurityGroupRules: adding.map((rule) => ({
      SecurityGroupRuleId: ctx.account.newId('sgr'),
      GroupId: group.GroupId,
      GroupOwnerId: ctx.accountId,
      IsEgress: egress,
      IpProtocol: rule.protocol,
      FromPort: rule.from ?? -1,
      ToPort: rule.to ?? -1,
      ...(rule.kind === 'IpRanges' ? { CidrIpv4: rule.source } : {}),
      ...(rule.kind === 'Ipv6Ranges' ? { CidrIpv6: rule.source } : {}),
    })),
  };
}

function revoke(
  ctx: HandlerContext,
  groupId: string | undefined,
  permissions: IpPermission[] | undefined,
  direction: Direction,
) {
  const group = requireGroup(ctx, groupId);
  const removing = expand(permissions as Permission[]);
  const existing = expand(group[direction]);
  const unknown = removing.filter((rule) => !existing.some((have) => keyOf(have) === keyOf(rule)));
  const vpc = ctx.regional.ec2.vpcs.find((v) => v.VpcId === group.VpcId);
  if (unknown.length && !vpc?.IsDefault) {
    throw awsError(
      'InvalidPermission.NotFound',
      `The specified rule does not exist in this security group (${unknown.map((r) => `${r.protocol} ${r.source}`).join(', ')}).`,
    );
  }
  const gone = new Set(removing.map(keyOf));
  group[direction] = collapse(existing.filter((rule) => !gone.has(keyOf(rule))));
  return { Return: true, ...(unknown.length ? { UnknownIpPermissions: collapse(unknown) } : {}) };
}

function createSecurityGroup(ctx: HandlerContext, input: CreateSecurityGroupRequest) {
  const name = input.GroupName ?? '';
  if (!name || name.length > 255 || name.toLowerCase().startsWith('sg-')) {
    throw awsError(
      'InvalidParameterValue',
      `Invalid value '${name}' for groupName. Group names may not be empty or start with sg-`,
    );
  }
  if (!input.Description) throw awsError('MissingParameter', 'The request must contain the parameter groupDescription');
  const vpc = requireResource(ctx, input.VpcId ?? '').record as unknown as Ec2State['vpcs'][number];
  if (ctx.regional.ec2.securityGroups.some((g) => g.VpcId === vpc.VpcId && g.GroupName === name)) {
    throw awsError('InvalidGroup.Duplicate', `The security group '${name}' already exists for VPC '${vpc.VpcId}'`);
  }
  const tags = (input.TagSpecifications ?? [])
    .filter((spec) => spec.ResourceType === 'security-group')
    .flatMap((spec) => spec.Tags ?? [])
    .map((tag) => ({ Key: tag.Key ?? '', Value: tag.Value ?? '' }));
  const groupId = ctx.account.newId('sg');
  const dualStack = (vpc.Ipv6CidrBlockAssociationSet ?? []).length > 0;
  const group: GroupRec = {
    GroupId: groupId,
    GroupName: name,
    Description: input.Description,
    VpcId: vpc.VpcId,
    OwnerId: ctx.accountId,
    SecurityGroupArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:security-group/${groupId}`,
    IpPermissions: [],
    IpPermissionsEgress: [
      {
        IpProtocol: '-1',
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: dualStack ? [{ CidrIpv6: '::/0' }] : [],
        UserIdGroupPairs: [],
        PrefixListIds: [],
      },
    ],
    Tags: tags,
  };
  ctx.regional.ec2.securityGroups.push(group);
  return { GroupId: groupId, Tags: tags, SecurityGroupArn: group.SecurityGroupArn };
}

export const securityGroupRuleHandlers: Handlers = {
  CreateSecurityGroup: createSecurityGroup,
  AuthorizeSecurityGroupIngress: (ctx, input: AuthorizeSecurityGroupIngressRequest) =>
    authorize(ctx, input.GroupId, input.IpPermissions, 'IpPermissions'),
  AuthorizeSecurityGroupEgress: (ctx, input: AuthorizeSecurityGroupEgressRequest) =>
    authorize(ctx, input.GroupId, input.IpPermissions, 'IpPermissionsEgress'),
  RevokeSecurityGroupIngress: (ctx, input: RevokeSecurityGroupIngressRequest) =>
    revoke(ctx, input.GroupId, input.IpPermissions, 'IpPermissions'),
  RevokeSecurityGroupEgress: (ctx, input: RevokeSecurityGroupEgressRequest) =>
    revoke(ctx, input.GroupId, input.IpPermissions, 'IpPermissionsEgress'),
};
