// EBS snapshots: DescribeSnapshots (OwnerIds, ids, filters, MaxResults 5..1000 + NextToken), CreateSnapshot (one
// volume), CreateSnapshots (every EBS volume of an instance, a crash-consistent set) and DeleteSnapshot (refused for
// an AMI's snapshot, disabled and deprecated AMIs included). A snapshot progresses like on AWS: it is 'pending' when
// created and a DescribeSnapshots that returns it as pending also completes it, so the next describe shows
// 'completed' (a playbook polling for completion sees one pending round, then completed).
import type {
  CreateSnapshotRequest,
  CreateSnapshotsRequest,
  DeleteSnapshotRequest,
  DescribeSnapshotsRequest,
  TagSpecification,
} from '@aws-sdk/client-ec2';
import { awsError } from '../../errors.ts';
import type { Ec2State, Tag } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { applyFilters, type FilterFields } from './filters.ts';
import {
  ec2PageSize,
  invalidEc2Token,
  removeRecord,
  requireByIds,
  requireInstance,
  requireResource,
  stopIfDryRun,
} from './resources.ts';

type SnapshotRec = Ec2State['snapshots'][number];
type VolumeRec = Ec2State['volumes'][number];

const SNAPSHOT_FILTERS: FilterFields<SnapshotRec> = {
  description: (s) => s.Description,
  encrypted: (s) => s.Encrypted,
  'owner-alias': (s) => s.OwnerAlias,
  'owner-id': (s) => s.OwnerId,
  progress: (s) => s.Progress,
  'snapshot-id': (s) => s.SnapshotId,
  'start-time': (s) => s.StartTime,
  status: (s) => s.State,
  'storage-tier': (s) => s.StorageTier,
  'volume-id': (s) => s.VolumeId,
  'volume-size': (s) => s.VolumeSize,
};

/** OwnerIds: 'self' or our account id select our snapshots; 'amazon' / other accounts own none in the sandbox. */
function ownedBy(ctx: HandlerContext, snapshot: SnapshotRec, ownerIds: string[] | undefined): boolean {
  if (!ownerIds?.length) return true;
  return ownerIds.some((owner) => (owner === 'self' ? ctx.accountId : owner) === snapshot.OwnerId);
}

function describeSnapshots(ctx: HandlerContext, input: DescribeSnapshotsRequest) {
  const pageSize = ec2PageSize(input, 'SnapshotIds', { min: 5, max: 1000 });
  const selected = input.SnapshotIds?.length
    ? requireByIds<SnapshotRec>(ctx, 'snapshots', input.SnapshotIds)
    : ctx.regional.ec2.snapshots;
  const owned = selected.filter((s) => ownedBy(ctx, s, input.OwnerIds));
  const matching = applyFilters(owned, input.Filters, SNAPSHOT_FILTERS);
  const page = paginate(matching, (s) => s.SnapshotId, {
    token: input.NextToken,
    pageSize,
    invalidToken: invalidEc2Token,
  });
  // Answer first (a copy of the pending record), then complete: the caller observes one pending round.
  const answer = page.items.map((s) => ({ ...s }));
  for (const snapshot of page.items) completeIfPending(ctx, snapshot);
  return { Snapshots: answer, NextToken: page.nextToken };
}

function completeIfPending(ctx: HandlerContext, snapshot: SnapshotRec): void {
  if (snapshot.State !== 'pending') return;
  snapshot.State = 'completed';
  snapshot.Progress = '100%';
  snapshot.CompletionTime = ctx.now().toISOString();
}

/** The tags TagSpecifications give one resource type; `aws:` keys are reserved, as on EC2. */
function requestedTags(specs: TagSpecification[] | undefined, resourceType: string): Tag[] {
  const tags = (specs ?? []).filter((spec) => spec.ResourceType === resourceType).flatMap((spec) => spec.Tags ?? []);
  for (const tag of tags) {
    if (!tag.Key || tag.Key.toLowerCase().startsWith('aws:')) {
      throw awsError('InvalidParameterValue', "Tag keys starting with 'aws:' are reserved for internal use");
    }
  }
  return tags.map((tag) => ({ Key: tag.Key!, Value: tag.Value ?? '' }));
}

/** A pending snapshot: the next DescribeSnapshots that returns it completes it (see describeSnapshots). */
function createSnapshot(ctx: HandlerContext, input: CreateSnapshotRequest) {
  const volume = requireResource(ctx, input.VolumeId ?? '').record as unknown as VolumeRec;
  if (volume.State !== 'available' && volume.State !== 'in-use') {
    throw awsError(
      'IncorrectState',
      `The volume '${volume.VolumeId}' is not in a state to be snapshotted (${volume.State}).`,
    );
  }
  const tags = requestedTags(input.TagSpecifications, 'snapshot');
  if (tags.length > 50)
    throw awsError('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.');
  stopIfDryRun(input);
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

/** One pending snapshot per attached EBS volume (crash-consistent set); the next describe completes them. */
function createSnapshots(ctx: HandlerContext, input: CreateSnapshotsRequest) {
  const spec = input.InstanceSpecification;
  const instance = requireInstance(ctx, spec?.InstanceId);
  const tags = requestedTags(input.TagSpecifications, 'snapshot');
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

function deleteSnapshot(ctx: HandlerContext, input: DeleteSnapshotRequest) {
  const snapshot = requireResource(ctx, input.SnapshotId ?? '').record as unknown as SnapshotRec;
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
  stopIfDryRun(input);
  removeRecord(ctx.regional.ec2.snapshots, snapshot);
  return {};
}

export const snapshotHandlers: Handlers = {
  DescribeSnapshots: describeSnapshots,
  CreateSnapshot: createSnapshot,
  CreateSnapshots: createSnapshots,
  DeleteSnapshot: deleteSnapshot,
};
