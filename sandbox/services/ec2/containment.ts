// What containing (and releasing) an instance does to EC2: instance attributes (Describe/ModifyInstanceAttribute:
// termination protection, shutdown behaviour, DeleteOnTermination, source/dest check), CreateSnapshots of all its
// volumes at once, IAM instance profile associations (Describe/Replace), an ENI's security groups
// (ModifyNetworkInterfaceAttribute) and Elastic IP (Associate/DisassociateAddress). Every change is written to both
// sides EC2 shows it on (the ENI and the instance's copy of it; the volume's attachment and the block device
// mapping; the address and the ENI's association). Attributes DescribeInstances does not return are kept as
// bookkeeping fields on the instance record (DisableApiTermination, InstanceInitiatedShutdownBehavior).
import { createHash } from 'node:crypto';
import type {
  AssociateAddressRequest,
  AssociateIamInstanceProfileRequest,
  CreateSnapshotsRequest,
  DescribeIamInstanceProfileAssociationsRequest,
  DescribeInstanceAttributeRequest,
  DisassociateAddressRequest,
  DisassociateIamInstanceProfileRequest,
  ModifyInstanceAttributeRequest,
  ModifyNetworkInterfaceAttributeRequest,
  ReplaceIamInstanceProfileAssociationRequest,
} from '@aws-sdk/client-ec2';
import { awsError } from '../../errors.ts';
import type { Ec2State, Tag } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { applyFilters } from './filters.ts';
import { requireByIds, requireResource } from './resources.ts';

type InstanceRec = Ec2State['instances'][number] & {
  DisableApiTermination?: boolean;
  InstanceInitiatedShutdownBehavior?: 'stop' | 'terminate';
  /** The id of the current IAM instance profile association (derived from the instance when never replaced). */
  IamInstanceProfileAssociationId?: string;
};
type EniRec = Ec2State['networkInterfaces'][number];
type AddressRec = Ec2State['addresses'][number];
type SnapshotRec = Ec2State['snapshots'][number];

const requireInstance = (ctx: HandlerContext, id: string | undefined) =>
  requireResource(ctx, id ?? '').record as unknown as InstanceRec;

// ---- instance attributes --------------------------------------------------------------------------------------

function describeInstanceAttribute(ctx: HandlerContext, input: DescribeInstanceAttributeRequest) {
  const instance = requireInstance(ctx, input.InstanceId);
  const base = { InstanceId: instance.InstanceId };
  switch (input.Attribute) {
    case 'disableApiTermination':
      return { ...base, DisableApiTermination: { Value: instance.DisableApiTermination ?? false } };
    case 'instanceInitiatedShutdownBehavior':
      return {
        ...base,
        InstanceInitiatedShutdownBehavior: { Value: instance.InstanceInitiatedShutdownBehavior ?? 'stop' },
      };
    case 'sourceDestCheck':
      return { ...base, SourceDestCheck: { Value: instance.SourceDestCheck ?? true } };
    case 'groupSet':
      return { ...base, Groups: instance.SecurityGroups ?? [] };
    case 'blockDeviceMapping':
      return { ...base, BlockDeviceMappings: instance.BlockDeviceMappings ?? [] };
    case 'instanceType':
      return { ...base, InstanceType: { Value: instance.InstanceType } };
    default:
      throw awsError(
        'InvalidParameterValue',
        `Value (${input.Attribute}) for parameter attribute is invalid. Unknown attribute.`,
      );
  }
}

function modifyInstanceAttribute(ctx: HandlerContext, input: ModifyInstanceAttributeRequest) {
  const instance = requireInstance(ctx, input.InstanceId);
  const given = (
    [
      'DisableApiTermination',
      'InstanceInitiatedShutdownBehavior',
      'BlockDeviceMappings',
      'SourceDestCheck',
      'Groups',
    ] as const
  ).filter((key) => input[key] !== undefined);
  if (given.length !== 1) {
    throw awsError(
      'InvalidParameterCombination',
      'Exactly one attribute must be specified per ModifyInstanceAttribute call.',
    );
  }
  if (input.DisableApiTermination) instance.DisableApiTermination = input.DisableApiTermination.Value === true;
  if (input.InstanceInitiatedShutdownBehavior) {
    const value = input.InstanceInitiatedShutdownBehavior.Value;
    if (value !== 'stop' && value !== 'terminate') {
      throw awsError(
        'InvalidParameterValue',
        `Value (${value}) for parameter instanceInitiatedShutdownBehavior is invalid.`,
      );
    }
    instance.InstanceInitiatedShutdownBehavior = value;
  }
  if (input.SourceDestCheck) {
    const primary = primaryEni(ctx, instance);
    instance.SourceDestCheck = input.SourceDestCheck.Value !== false;
    if (primary) setEni(instance, primary, { SourceDestCheck: instance.SourceDestCheck });
  }
  if (input.Groups) {
    const primary = primaryEni(ctx, instance);
    if (!primary)
      throw awsError('InvalidInstanceID', `The instance ${instance.InstanceId} has no primary network interface`);
    setGroups(ctx, instance, primary, input.Groups);
  }
  for (const mapping of input.BlockDeviceMappings ?? []) {
    const current = instance.BlockDeviceMappings?.find((b) => b.DeviceName === mapping.DeviceName);
    if (!current?.Ebs) {
      throw awsError('InvalidInstanceAttributeValue', `No device is currently mapped at ${mapping.DeviceName}`);
    }
    if (mapping.Ebs?.DeleteOnTermination !== undefined) {
      current.Ebs.DeleteOnTermination = mapping.Ebs.DeleteOnTermination;
      const volume = ctx.regional.ec2.volumes.find((v) => v.VolumeId === current.Ebs?.VolumeId);
      const attachment = volume?.Attachments?.find((a) => a.InstanceId === instance.InstanceId);
      if (attachment) attachment.DeleteOnTermination = mapping.Ebs.DeleteOnTermination;
    }
  }
  return {};
}

// ---- snapshots of all volumes ---------------------------------------------------------------------------------

function specTags(input: CreateSnapshotsRequest): Tag[] {
  const tags = (input.TagSpecifications ?? [])
    .filter((spec) => spec.ResourceType === 'snapshot')
    .flatMap((spec) => spec.Tags ?? [])
    .map((tag) => ({ Key: tag.Key ?? '', Value: tag.Value ?? '' }));
  if (tags.some((tag) => !tag.Key || tag.Key.toLowerCase().startsWith('aws:'))) {
    throw awsError('InvalidParameterValue', "Tag keys starting with 'aws:' are reserved for internal use");
  }
  return tags;
}

/** One pending snapshot per attached EBS volume (crash-consistent set); the next describe completes them. */
function createSnapshots(ctx: HandlerContext, input: CreateSnapshotsRequest) {
  const spec = input.InstanceSpecification;
  const instance = requireInstance(ctx, spec?.InstanceId);
  const tags = specTags(input);
  const excluded = new Set(spec?.ExcludeDataVolumeIds ?? []);
  const mappings = (instance.BlockDeviceMappings ?? []).filter((mapping) => mapping.Ebs?.VolumeId);
  for (const id of excluded) {
    if (!mappings.some((mapping) => mapping.Ebs?.VolumeId === id)) {
      throw awsError('InvalidParameterValue', `The volume ${id} is not attached to instance ${instance.InstanceId}`);
    }
  }
  const chosen = mappings.filter((mapping) => {
    const boot = mapping.DeviceName === instance.RootDeviceName;
    return boot ? !spec?.ExcludeBootVolume : !excluded.has(mapping.Ebs!.VolumeId!);
  });
  const startTime = ctx.now().toISOString();
  const snapshots = chosen.map((mapping): SnapshotRec => {
    const volume = ctx.regional.ec2.volumes.find((v) => v.VolumeId === mapping.Ebs!.VolumeId)!;
    const copied =
      input.CopyTagsFromSource === 'volume' ? (volume.Tags ?? []).filter((t) => !t.Key?.startsWith('aws:')) : [];
    const merged = [...copied.filter((t) => !tags.some((own) => own.Key === t.Key)), ...tags] as Tag[];
    return {
      SnapshotId: ctx.account.newId('snap'),
      VolumeId: volume.VolumeId,
      VolumeSize: volume.Size,
      State: 'pending',
      Progress: '0%',
      StartTime: startTime,
      OwnerId: ctx.accountId,
      Description: input.Description ?? '',
      Encrypted: volume.Encrypted ?? false,
      StorageTier: 'standard',
      Tags: merged,
    };
  });
  ctx.regional.ec2.snapshots.push(...snapshots);
  return {
    Snapshots: snapshots.map((s) => ({
      SnapshotId: s.SnapshotId,
      VolumeId: s.VolumeId,
      VolumeSize: s.VolumeSize,
      State: s.State,
      Progress: s.Progress,
      StartTime: s.StartTime,
      OwnerId: s.OwnerId,
      Description: s.Description,
      Encrypted: s.Encrypted,
      Tags: s.Tags,
    })),
  };
}

// ---- IAM instance profile associations ------------------------------------------------------------------------

/** The instance profile named by ARN or name; EC2 answers InvalidParameterValue for one that does not exist. */
function requireProfile(ctx: HandlerContext, wanted: { Arn?: string; Name?: string }) {
  const profile = ctx.state.global.iam.instanceProfiles.find((p) =>
    wanted.Arn ? p.Arn === wanted.Arn : p.InstanceProfileName === wanted.Name,
  );
  if (!profile) {
    const which = wanted.Arn ? `arn (${wanted.Arn})` : `name (${wanted.Name})`;
    throw awsError(
      'InvalidParameterValue',
      `Value ${which} for parameter iamInstanceProfile is invalid. Invalid IAM Instance Profile ${wanted.Arn ? 'ARN' : 'name'}`,
    );
  }
  return profile;
}

function associationIdOf(instance: InstanceRec): string {
  if (instance.IamInstanceProfileAssociationId) return instance.IamInstanceProfileAssociationId;
  const hex = createHash('sha256').update(`${instance.InstanceId}:${instance.IamInstanceProfile?.Arn}`).digest('hex');
  return `iip-assoc-${hex.slice(0, 17)}`;
}

function associationOf(instance: InstanceRec) {
  return {
    AssociationId: associationIdOf(instance),
    InstanceId: instance.InstanceId,
    IamInstanceProfile: { Arn: instance.IamInstanceProfile?.Arn, Id: instance.IamInstanceProfile?.Id },
    State: 'associated',
  };
}

function describeIamInstanceProfileAssociations(
  ctx: HandlerContext,
  input: DescribeIamInstanceProfileAssociationsRequest,
) {
  const all = (ctx.regional.ec2.instances as InstanceRec[])
    .filter((instance) => instance.IamInstanceProfile?.Arn && instance.State?.Name !== 'terminated')
    .map(associationOf);
  const selected = input.AssociationIds?.length
    ? all.filter((a) => input.AssociationIds!.includes(a.AssociationId))
    : all;
  const matching = applyFilters(
    selected,
    input.Filters,
    { 'instance-id': (a) => a.InstanceId, state: (a) => a.State },
    () => [],
  );
  return { IamInstanceProfileAssociations: matching };
}

function replaceIamInstanceProfileAssociation(ctx: HandlerContext, input: ReplaceIamInstanceProfileAssociationRequest) {
  const instance = (ctx.regional.ec2.instances as InstanceRec[]).find(
    (candidate) => candidate.IamInstanceProfile?.Arn && associationIdOf(candidate) === input.AssociationId,
  );
  if (!instance)
    throw awsError('InvalidAssociationID.NotFound', `An association with ID ${input.AssociationId} does not exist.`);
  const profile = requireProfile(ctx, input.IamInstanceProfile ?? {});
  instance.IamInstanceProfile = { Arn: profile.Arn, Id: profile.InstanceProfileId };
  instance.IamInstanceProfileAssociationId = ctx.account.newId('iip-assoc');
  return { IamInstanceProfileAssociation: associationOf(instance) };
}

function disassociateIamInstanceProfile(ctx: HandlerContext, input: DisassociateIamInstanceProfileRequest) {
  const instance = (ctx.regional.ec2.instances as InstanceRec[]).find(
    (candidate) => candidate.IamInstanceProfile?.Arn && associationIdOf(candidate) === input.AssociationId,
  );
  if (!instance)
    throw awsError('InvalidAssociationID.NotFound', `An association with ID ${input.AssociationId} does not exist.`);
  const association = { ...associationOf(instance), State: 'disassociating' };
  delete instance.IamInstanceProfile;
  delete instance.IamInstanceProfileAssociationId;
  return { IamInstanceProfileAssociation: association };
}

function associateIamInstanceProfile(ctx: HandlerContext, input: AssociateIamInstanceProfileRequest) {
  const instance = requireInstance(ctx, input.InstanceId);
  if (instance.IamInstanceProfile?.Arn) {
    throw awsError('IncorrectState', `There is an existing association for instance ${instance.InstanceId}`);
  }
  const profile = requireProfile(ctx, input.IamInstanceProfile ?? {});
  instance.IamInstanceProfile = { Arn: profile.Arn, Id: profile.InstanceProfileId };
  instance.IamInstanceProfileAssociationId = ctx.account.newId('iip-assoc');
  return { IamInstanceProfileAssociation: { ...associationOf(instance), State: 'associating' } };
}

// ---- network interfaces ---------------------------------------------------------------------------------------

function primaryEni(ctx: HandlerContext, instance: InstanceRec): EniRec | undefined {
  return ctx.regional.ec2.networkInterfaces.find(
    (eni) => eni.Attachment?.InstanceId === instance.InstanceId && eni.Attachment?.DeviceIndex === 0,
  );
}

function attachedInstance(ctx: HandlerContext, eni: EniRec): InstanceRec | undefined {
  const id = eni.Attachment?.InstanceId;
  return id ? (ctx.regional.ec2.instances.find((i) => i.InstanceId === id) as InstanceRec | undefined) : undefined;
}

/** Applies a change to the ENI and to the instance's copy of it (DescribeInstances shows NetworkInterfaces). */
function setEni(instance: InstanceRec | undefined, eni: EniRec, change: Partial<EniRec>): void {
  Object.assign(eni, change);
  const copy = instance?.NetworkInterfaces?.find((n) => n.NetworkInterfaceId === eni.NetworkInterfaceId);
  if (copy) Object.assign(copy, change);
}

function setGroups(ctx: HandlerContext, instance: InstanceRec | undefined, eni: EniRec, groupIds: string[]): void {
  if (groupIds.length === 0) throw awsError('InvalidParameterValue', 'At least one security group must be specified');
  const groups = requireByIds<Ec2State['securityGroups'][number]>(ctx, 'securityGroups', groupIds);
  const foreign = groups.find((group) => group.VpcId !== eni.VpcId);
  if (foreign) {
    throw awsError(
      'InvalidGroup.NotFound',
      `You have specified two resources that belong to different networks (${foreign.GroupId}).`,
    );
  }
  setEni(instance, eni, { Groups: groups.map((g) => ({ GroupId: g.GroupId, GroupName: g.GroupName })) });
  if (instance) {
    const all = new Map<string, { GroupId: string; GroupName?: string }>();
    for (const n of ctx.regional.ec2.networkInterfaces.filter(
      (n) => n.Attachment?.InstanceId === instance.InstanceId,
    )) {
      for (const g of n.Groups ?? []) all.set(g.GroupId!, { GroupId: g.GroupId!, GroupName: g.GroupName });
    }
    instance.SecurityGroups = [...all.values()];
  }
}

function modifyNetworkInterfaceAttribute(ctx: HandlerContext, input: ModifyNetworkInterfaceAttributeRequest) {
  const eni = requireResource(ctx, input.NetworkInterfaceId ?? '').record as unknown as EniRec;
  const instance = attachedInstance(ctx, eni);
  if (input.Groups) setGroups(ctx, instance, eni, input.Groups);
  if (input.SourceDestCheck) {
    setEni(instance, eni, { SourceDestCheck: input.SourceDestCheck.Value !== false });
    if (instance && eni.Attachment?.DeviceIndex === 0) instance.SourceDestCheck = eni.SourceDestCheck;
  }
  if (input.Description) setEni(instance, eni, { Description: input.Description.Value });
  return {};
}

// ---- Elastic IPs ----------------------------------------------------------------------------------------------

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

export const containmentHandlers: Handlers = {
  DescribeInstanceAttribute: describeInstanceAttribute,
  ModifyInstanceAttribute: modifyInstanceAttribute,
  CreateSnapshots: createSnapshots,
  DescribeIamInstanceProfileAssociations: describeIamInstanceProfileAssociations,
  ReplaceIamInstanceProfileAssociation: replaceIamInstanceProfileAssociation,
  DisassociateIamInstanceProfile: disassociateIamInstanceProfile,
  AssociateIamInstanceProfile: associateIamInstanceProfile,
  ModifyNetworkInterfaceAttribute: modifyNetworkInterfaceAttribute,
  DisassociateAddress: disassociateAddress,
  AssociateAddress: associateAddress,
};
