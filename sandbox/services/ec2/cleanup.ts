// What nightly-cleanup does to EC2: CreateSnapshot (its final snapshot of a volume), DeleteVolume, DeleteSnapshot,
// ReleaseAddress. As on AWS: an attached volume, an AMI's snapshot (disabled and deprecated AMIs included) and an
// associated address are refused; an address with a reverse-DNS record is refused (InvalidAddress.PtrSet), one the
// fixture marks `Locked: true` too (InvalidAddress.Locked); DryRun answers DryRunOperation after the checks.
import type {
  CreateSnapshotRequest,
  DeleteSnapshotRequest,
  DeleteVolumeRequest,
  ReleaseAddressRequest,
} from '@aws-sdk/client-ec2';
import { awsError } from '../../errors.ts';
import type { Ec2State, Tag } from '../../state.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { requireResource } from './resources.ts';

type VolumeRec = Ec2State['volumes'][number];
type SnapshotRec = Ec2State['snapshots'][number];
type AddressRec = Ec2State['addresses'][number] & { Locked?: boolean };

function dryRun(input: { DryRun?: boolean }): void {
  if (input.DryRun) throw awsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
}

function remove<T>(list: T[], record: T): void {
  const index = list.indexOf(record);
  if (index >= 0) list.splice(index, 1);
}

function tagsFor(input: CreateSnapshotRequest, resourceType: string): Tag[] {
  const tags = (input.TagSpecifications ?? [])
    .filter((spec) => spec.ResourceType === resourceType)
    .flatMap((spec) => spec.Tags ?? []);
  for (const tag of tags) {
    if (!tag.Key || tag.Key.toLowerCase().startsWith('aws:')) {
      throw awsError('InvalidParameterValue', "Tag keys starting with 'aws:' are reserved for internal use");
    }
  }
  if (tags.length > 50)
    throw awsError('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.');
  return tags.map((tag) => ({ Key: tag.Key!, Value: tag.Value ?? '' }));
}

/** A pending snapshot: the next DescribeSnapshots that returns it completes it (see snapshots.ts). */
function createSnapshot(ctx: HandlerContext, input: CreateSnapshotRequest) {
  const volume = requireResource(ctx, input.VolumeId ?? '').record as VolumeRec;
  if (volume.State !== 'available' && volume.State !== 'in-use') {
    throw awsError(
      'IncorrectState',
      `The volume '${volume.VolumeId}' is not in a state to be snapshotted (${volume.State}).`,
    );
  }
  const tags = tagsFor(input, 'snapshot');
  dryRun(input);
  const snapshot: SnapshotRec = {
    SnapshotId: ctx.account.newId('snap'),
    VolumeId: volume.VolumeId,
    VolumeSize: volume.Size,
    State: 'pending',
    Progress: '0%',
    StartTime: ctx.now().toISOString(),
    OwnerId: ctx.accountId,
    Description: input.Description ?? '',
    Encrypted: volume.Encrypted ?? false,
    ...(volume.KmsKeyId ? { KmsKeyId: volume.KmsKeyId } : {}),
    StorageTier: 'standard',
    Tags: tags,
  };
  ctx.regional.ec2.snapshots.push(snapshot);
  return { ...snapshot };
}

function deleteVolume(ctx: HandlerContext, input: DeleteVolumeRequest) {
  const volume = requireResource(ctx, input.VolumeId ?? '').record as VolumeRec;
  if (volume.State === 'in-use' || volume.Attachments?.length) {
    const instance = volume.Attachments?.[0]?.InstanceId;
    throw awsError('VolumeInUse', `Volume ${volume.VolumeId} is currently attached to ${instance}`);
  }
  if (volume.State !== 'available') {
    throw awsError('IncorrectState', `The volume '${volume.VolumeId}' is '${volume.State}' and cannot be deleted.`);
  }
  dryRun(input);
  remove(ctx.regional.ec2.volumes, volume);
  return {};
}

function deleteSnapshot(ctx: HandlerContext, input: DeleteSnapshotRequest) {
  const snapshot = requireResource(ctx, input.SnapshotId ?? '').record as SnapshotRec;
  const image = ctx.regional.ec2.images.find(
    (candidate) =>
      candidate.State !== 'deregistered' &&
      (candidate.BlockDeviceMappings ?? []).some((mapping) => mapping.Ebs?.SnapshotId === snapshot.SnapshotId),
  );
  if (image) {
    throw awsError(
      'InvalidSnapshot.InUse',
      `The snapshot ${snapshot.SnapshotId} is currently in use by ${image.ImageId}`,
    );
  }
  dryRun(input);
  remove(ctx.regional.ec2.snapshots, snapshot);
  return {};
}

function releaseAddress(ctx: HandlerContext, input: ReleaseAddressRequest) {
  const addresses = ctx.regional.ec2.addresses as AddressRec[];
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
  dryRun(input);
  remove(addresses, address);
  return {};
}

export const cleanupHandlers: Handlers = {
  CreateSnapshot: createSnapshot,
  DeleteVolume: deleteVolume,
  DeleteSnapshot: deleteSnapshot,
  ReleaseAddress: releaseAddress,
};
