// EBS volumes: DescribeVolumes (ids, filters, MaxResults 5..500 + NextToken) and DeleteVolume (refused while the
// volume is attached or not available, as on AWS; DryRun answers DryRunOperation after the checks).
import type { DeleteVolumeRequest, DescribeVolumesRequest } from '@aws-sdk/client-ec2';
import { awsError } from '../../errors.ts';
import type { Ec2State } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { applyFilters, type FilterFields } from './filters.ts';
import {
  ec2PageSize,
  invalidEc2Token,
  removeRecord,
  requireByIds,
  requireResource,
  stopIfDryRun,
} from './resources.ts';

type VolumeRec = Ec2State['volumes'][number];

const VOLUME_FILTERS: FilterFields<VolumeRec> = {
  'attachment.attach-time': (v) => v.Attachments?.map((a) => a.AttachTime),
  'attachment.delete-on-termination': (v) => v.Attachments?.map((a) => a.DeleteOnTermination),
  'attachment.device': (v) => v.Attachments?.map((a) => a.Device),
  'attachment.instance-id': (v) => v.Attachments?.map((a) => a.InstanceId),
  'attachment.status': (v) => v.Attachments?.map((a) => a.State),
  'availability-zone': (v) => v.AvailabilityZone,
  'create-time': (v) => v.CreateTime,
  encrypted: (v) => v.Encrypted,
  'fast-restored': (v) => v.FastRestored ?? false,
  'multi-attach-enabled': (v) => v.MultiAttachEnabled ?? false,
  size: (v) => v.Size,
  'snapshot-id': (v) => v.SnapshotId,
  status: (v) => v.State,
  'volume-id': (v) => v.VolumeId,
  'volume-type': (v) => v.VolumeType,
};

function describeVolumes(ctx: HandlerContext, input: DescribeVolumesRequest) {
  const pageSize = ec2PageSize(input, 'VolumeIds', { min: 5, max: 500 });
  const selected = input.VolumeIds?.length
    ? requireByIds<VolumeRec>(ctx, 'volumes', input.VolumeIds)
    : ctx.regional.ec2.volumes;
  const matching = applyFilters(selected, input.Filters, VOLUME_FILTERS);
  const page = paginate(matching, (v) => v.VolumeId, {
    token: input.NextToken,
    pageSize,
    invalidToken: invalidEc2Token,
  });
  return { Volumes: page.items, NextToken: page.nextToken };
}

function deleteVolume(ctx: HandlerContext, input: DeleteVolumeRequest) {
  const volume = requireResource(ctx, input.VolumeId ?? '').record as unknown as VolumeRec;
  if (volume.State === 'in-use' || volume.Attachments?.length) {
    const instance = volume.Attachments?.[0]?.InstanceId;
    throw awsError('VolumeInUse', `Volume ${volume.VolumeId} is currently attached to ${instance}`);
  }
  if (volume.State !== 'available') {
    throw awsError('IncorrectState', `The volume '${volume.VolumeId}' is '${volume.State}' and cannot be deleted.`);
  }
  stopIfDryRun(input);
  removeRecord(ctx.regional.ec2.volumes, volume);
  return {};
}

export const volumeHandlers: Handlers = {
  DescribeVolumes: describeVolumes,
  DeleteVolume: deleteVolume,
};
