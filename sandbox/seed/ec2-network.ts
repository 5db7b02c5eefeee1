// Seed builders for the EC2 network side: VPCs, subnets, security groups, network interfaces, Elastic IPs.
// Links are filled in both directions, as AWS shows them (an EIP on an instance appears on the address, the ENI
// and the instance).
import { derivedHex, mustFind, privateDnsName, publicDnsName, type SeedContext, type Spec } from './util.ts';

export function buildVpcs(specs: Spec[] = [], ctx: SeedContext): Spec[] {
  return specs.map((v) => ({ State: 'available', OwnerId: ctx.accountId, InstanceTenancy: 'default', Tags: [], ...v }));
}

export function buildSubnets(specs: Spec[] = [], ctx: SeedContext): Spec[] {
  return specs.map((s) => ({
    State: 'available',
    OwnerId: ctx.accountId,
    AvailableIpAddressCount: 250,
    MapPublicIpOnLaunch: false,
    SubnetArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:subnet/${s.SubnetId}`,
    Tags: [],
    ...s,
  }));
}

/** "tcp 443 0.0.0.0/0 HTTPS from anywhere" / "tcp 8080 sg-... from the ALB" / "all all sg-..." -> IpPermission. */
function parseRule(rule: string, ctx: SeedContext) {
  const [protocol, ports, source, ...words] = rule.split(' ');
  const Description = words.length ? words.join(' ') : undefined;
  const [from, to] = ports === 'all' ? [undefined, undefined] : ports.split('-').map(Number);
  return {
    IpProtocol: protocol === 'all' ? '-1' : protocol,
    FromPort: from,
    ToPort: to ?? from,
    IpRanges: source.startsWith('sg-') ? [] : [{ CidrIp: source, Description }],
    UserIdGroupPairs: source.startsWith('sg-') ? [{ GroupId: source, UserId: ctx.accountId, Description }] : [],
    Ipv6Ranges: [],
    PrefixListIds: [],
  };
}

export function buildSecurityGroups(specs: Spec[] = [], ctx: SeedContext): Spec[] {
  return specs.map(({ ingress = [], ...g }) => ({
    OwnerId: ctx.accountId,
    SecurityGroupArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:security-group/${g.GroupId}`,
    IpPermissions: ingress.map((rule: string) => parseRule(rule, ctx)),
    IpPermissionsEgress: [
      {
        IpProtocol: '-1',
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        UserIdGroupPairs: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
      },
    ],
    Tags: [],
    ...g,
  }));
}

/** ENIs, attached to their instance (which lists them in NetworkInterfaces) or to a service like ELB. */
export function buildNetworkInterfaces(specs: Spec[] = [], ec2: Spec, ctx: SeedContext): Spec[] {
  return specs.map(({ attachedTo, Groups = [], ...n }) => {
    const subnet = mustFind(ec2.subnets, (s) => s.SubnetId === n.SubnetId, `subnet ${n.SubnetId}`);
    const groups = Groups.map((id: string) => ({
      GroupId: id,
      GroupName: mustFind(ec2.securityGroups, (g) => g.GroupId === id, `security group ${id}`).GroupName,
    }));
    const instance = attachedTo?.InstanceId
      ? mustFind(ec2.instances, (i) => i.InstanceId === attachedTo.InstanceId, `instance ${attachedTo.InstanceId}`)
      : undefined;
    const dns = privateDnsName(n.PrivateIpAddress, ctx.region);
    const eni = {
      AvailabilityZone: subnet.AvailabilityZone,
      VpcId: subnet.VpcId,
      Description: '',
      Groups: groups,
      InterfaceType: 'interface',
      MacAddress: derivedHex(n.NetworkInterfaceId, 12).replace(/(..)(?!$)/g, '$1:'),
      OwnerId: ctx.accountId,
      RequesterId: n.RequesterManaged ? 'amazon-elb' : undefined,
      RequesterManaged: false,
      SourceDestCheck: true,
      Status: attachedTo ? 'in-use' : 'available',
      PrivateDnsName: dns,
      PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: n.PrivateIpAddress, PrivateDnsName: dns }],
      TagSet: [],
      ...n,
      Attachment: attachedTo && {
        AttachmentId: `eni-attach-${derivedHex(n.NetworkInterfaceId, 17)}`,
        AttachTime: instance?.LaunchTime ?? ctx.now.toISOString(),
        DeleteOnTermination: attachedTo.DeviceIndex === 0,
        DeviceIndex: attachedTo.DeviceIndex ?? 1,
        InstanceId: attachedTo.InstanceId,
        InstanceOwnerId: attachedTo.InstanceOwnerId ?? ctx.accountId,
        Status: 'attached',
      },
    };
    if (instance) instance.NetworkInterfaces!.push(instanceNetworkInterface(eni));
    return eni;
  });
}

function instanceNetworkInterface(eni: Spec): Spec {
  const { Attachment: a } = eni;
  return {
    NetworkInterfaceId: eni.NetworkInterfaceId,
    Attachment: {
      AttachmentId: a?.AttachmentId,
      AttachTime: a?.AttachTime,
      DeleteOnTermination: a?.DeleteOnTermination,
      DeviceIndex: a?.DeviceIndex,
      Status: 'attached',
    },
    Description: eni.Description,
    Groups: eni.Groups,
    MacAddress: eni.MacAddress,
    OwnerId: eni.OwnerId,
    PrivateDnsName: eni.PrivateDnsName,
    PrivateIpAddress: eni.PrivateIpAddress,
    PrivateIpAddresses: eni.PrivateIpAddresses,
    SourceDestCheck: eni.SourceDestCheck,
    Status: 'in-use',
    SubnetId: eni.SubnetId,
    VpcId: eni.VpcId,
    InterfaceType: eni.InterfaceType,
  };
}

/** Elastic IPs; one given an InstanceId is associated with that instance's primary ENI. */
export function buildAddresses(specs: Spec[] = [], ec2: Spec, ctx: SeedContext): Spec[] {
  return specs.map(({ InstanceId, ...a }) => {
    const address = { Domain: 'vpc', PublicIpv4Pool: 'amazon', NetworkBorderGroup: ctx.region, Tags: [], ...a };
    if (!InstanceId) return address;
    const instance = mustFind(ec2.instances, (i) => i.InstanceId === InstanceId, `instance ${InstanceId}`);
    const eni = mustFind(
      ec2.networkInterfaces,
      (n: Spec) => n.Attachment?.InstanceId === InstanceId && n.Attachment.DeviceIndex === 0,
      `primary ENI of ${InstanceId}`,
    );
    const association = {
      AllocationId: a.AllocationId,
      AssociationId: `eipassoc-${derivedHex(a.AllocationId, 17)}`,
      IpOwnerId: ctx.accountId,
      PublicIp: a.PublicIp,
      PublicDnsName: publicDnsName(a.PublicIp, ctx.region),
    };
    eni.Association = association;
    const onInstance = instance.NetworkInterfaces?.find((n: Spec) => n.NetworkInterfaceId === eni.NetworkInterfaceId);
    if (onInstance)
      onInstance.Association = {
        IpOwnerId: ctx.accountId,
        PublicIp: a.PublicIp,
        PublicDnsName: association.PublicDnsName,
      };
    instance.PublicIpAddress = a.PublicIp;
    instance.PublicDnsName = association.PublicDnsName;
    return {
      ...address,
      InstanceId,
      AssociationId: association.AssociationId,
      NetworkInterfaceId: eni.NetworkInterfaceId,
      NetworkInterfaceOwnerId: ctx.accountId,
      PrivateIpAddress: eni.PrivateIpAddress,
    };
  });
}
