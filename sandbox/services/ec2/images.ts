// AMIs: DescribeImages (ImageIds, Owners, IncludeDisabled, IncludeDeprecated, filters, MaxResults 5..1000 +
// NextToken). Like EC2: disabled AMIs appear only with IncludeDisabled; deprecated AMIs of other owners appear only
// with IncludeDeprecated (your own always do). CreationDate/DeprecationTime are strings in the EC2 API, not dates.
import type { DescribeImagesRequest } from '@aws-sdk/client-ec2';
import type { Ec2State } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { applyFilters, type FilterFields } from './filters.ts';
import { ec2PageSize, invalidEc2Token, requireByIds } from './resources.ts';

type ImageRec = Ec2State['images'][number];

const IMAGE_FILTERS: FilterFields<ImageRec> = {
  architecture: (i) => i.Architecture,
  'block-device-mapping.delete-on-termination': (i) => i.BlockDeviceMappings?.map((b) => b.Ebs?.DeleteOnTermination),
  'block-device-mapping.device-name': (i) => i.BlockDeviceMappings?.map((b) => b.DeviceName),
  'block-device-mapping.encrypted': (i) => i.BlockDeviceMappings?.map((b) => b.Ebs?.Encrypted),
  'block-device-mapping.snapshot-id': (i) => i.BlockDeviceMappings?.map((b) => b.Ebs?.SnapshotId),
  'block-device-mapping.volume-size': (i) => i.BlockDeviceMappings?.map((b) => b.Ebs?.VolumeSize),
  'block-device-mapping.volume-type': (i) => i.BlockDeviceMappings?.map((b) => b.Ebs?.VolumeType),
  'creation-date': (i) => i.CreationDate,
  description: (i) => i.Description,
  'image-id': (i) => i.ImageId,
  'image-type': (i) => i.ImageType,
  'is-public': (i) => i.Public ?? false,
  name: (i) => i.Name,
  'owner-alias': (i) => i.ImageOwnerAlias,
  'owner-id': (i) => i.OwnerId,
  platform: (i) => i.Platform,
  'root-device-name': (i) => i.RootDeviceName,
  'root-device-type': (i) => i.RootDeviceType,
  'source-instance-id': (i) => i.SourceInstanceId,
  state: (i) => i.State,
  'virtualization-type': (i) => i.VirtualizationType,
};

function ownerMatches(ctx: HandlerContext, image: ImageRec, owners: string[] | undefined): boolean {
  if (!owners?.length) return true;
  return owners.some((owner) =>
    owner === 'self'
      ? image.OwnerId === ctx.accountId
      : owner === image.OwnerId || (image.ImageOwnerAlias !== undefined && owner === image.ImageOwnerAlias),
  );
}

function isDeprecated(ctx: HandlerContext, image: ImageRec): boolean {
  return image.DeprecationTime !== undefined && new Date(image.DeprecationTime) <= ctx.now();
}

function describeImages(ctx: HandlerContext, input: DescribeImagesRequest) {
  const pageSize = ec2PageSize(input, 'ImageIds', { min: 5, max: 1000 });
  const selected = input.ImageIds?.length
    ? requireByIds<ImageRec>(ctx, 'images', input.ImageIds)
    : ctx.regional.ec2.images;
  const visible = selected
    .filter((image) => ownerMatches(ctx, image, input.Owners))
    .filter((image) => image.State !== 'disabled' || input.IncludeDisabled === true)
    .filter(
      (image) => image.OwnerId === ctx.accountId || input.IncludeDeprecated === true || !isDeprecated(ctx, image),
    );
  const matching = applyFilters(visible, input.Filters, IMAGE_FILTERS);
  const page = paginate(matching, (i) => i.ImageId, {
    token: input.NextToken,
    pageSize,
    invalidToken: invalidEc2Token,
  });
  return { Images: page.items, NextToken: page.nextToken };
}

export const imageHandlers: Handlers = {
  DescribeImages: describeImages,
};
