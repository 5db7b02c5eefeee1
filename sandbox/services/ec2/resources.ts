// EC2 resources by id: which collection an id prefix lives in and the exact error EC2 answers for a well-formed id
// that does not exist or a malformed one. Shared by Describe* (ids), CreateTags/DeleteTags and the operations other
// engineers add next to these files (DeleteVolume, ReleaseAddress, ...).
import { awsError } from '../../errors.ts';
import type { Ec2State, Tag } from '../../state.ts';
import type { HandlerContext } from '../types.ts';

interface ResourceKind {
  prefix: string;
  collection: keyof Ec2State;
  idKey: string;
  /** Network interfaces keep their tags in TagSet, everything else in Tags. */
  tagsKey: 'Tags' | 'TagSet';
  notFound: (id: string) => Error;
  malformedCode: string;
}

const kind = (
  prefix: string,
  collection: keyof Ec2State,
  idKey: string,
  notFoundCode: string,
  notFoundMessage: (id: string) => string,
  malformedCode: string,
  tagsKey: 'Tags' | 'TagSet' = 'Tags',
): ResourceKind => ({
  prefix,
  collection,
  idKey,
  tagsKey,
  notFound: (id) => awsError(notFoundCode, notFoundMessage(id)),
  malformedCode,
});

export const RESOURCE_KINDS: ResourceKind[] = [
  kind(
    'i',
    'instances',
    'InstanceId',
    'InvalidInstanceID.NotFound',
    (id) => `The instance ID '${id}' does not exist`,
    'InvalidInstanceID.Malformed',
  ),
  kind(
    'vol',
    'volumes',
    'VolumeId',
    'InvalidVolume.NotFound',
    (id) => `The volume '${id}' does not exist.`,
    'InvalidVolumeID.Malformed',
  ),
  kind(
    'snap',
    'snapshots',
    'SnapshotId',
    'InvalidSnapshot.NotFound',
    (id) => `The snapshot '${id}' does not exist.`,
    'InvalidSnapshotID.Malformed',
  ),
  kind(
    'ami',
    'images',
    'ImageId',
    'InvalidAMIID.NotFound',
    (id) => `The image id '[${id}]' does not exist`,
    'InvalidAMIID.Malformed',
  ),
  kind(
    'sg',
    'securityGroups',
    'GroupId',
    'InvalidGroup.NotFound',
    (id) => `The security group '${id}' does not exist`,
    'InvalidGroupId.Malformed',
  ),
  kind(
    'eni',
    'networkInterfaces',
    'NetworkInterfaceId',
    'InvalidNetworkInterfaceID.NotFound',
    (id) => `The networkInterface ID '${id}' does not exist`,
    'InvalidNetworkInterfaceID.Malformed',
    'TagSet',
  ),
  kind(
    'eipalloc',
    'addresses',
    'AllocationId',
    'InvalidAllocationID.NotFound',
    (id) => `The allocation ID '${id}' does not exist`,
    'InvalidAllocationID.NotFound',
  ),
  kind(
    'lt',
    'launchTemplates',
    'LaunchTemplateId',
    'InvalidLaunchTemplateId.NotFound',
    (id) => `The specified launch template, with template ID ${id}, does not exist.`,
    'InvalidLaunchTemplateId.Malformed',
  ),
  kind(
    'vpc',
    'vpcs',
    'VpcId',
    'InvalidVpcID.NotFound',
    (id) => `The vpc ID '${id}' does not exist`,
    'InvalidVpcID.Malformed',
  ),
  kind(
    'subnet',
    'subnets',
    'SubnetId',
    'InvalidSubnetID.NotFound',
    (id) => `The subnet ID '${id}' does not exist`,
    'InvalidSubnetID.Malformed',
  ),
];

/** Ids are `<prefix>-` and 8 (old style) or 17 lowercase hex digits. */
export function isWellFormedId(id: string, prefix: string): boolean {
  return new RegExp(`^${prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`).test(id);
}

export function kindOfId(id: string): ResourceKind | undefined {
  return RESOURCE_KINDS.find((k) => id.startsWith(`${k.prefix}-`));
}

type AnyRecord = Record<string, unknown>;

function collectionOf(ctx: HandlerContext, kind: ResourceKind): AnyRecord[] {
  return ctx.regional.ec2[kind.collection] as unknown as AnyRecord[];
}

/** The record with this id, or throws EC2's InvalidID / <Kind>.Malformed / <Kind>.NotFound. */
export function requireResource(ctx: HandlerContext, id: string): { record: AnyRecord; kind: ResourceKind } {
  const kind = kindOfId(id);
  if (!kind) throw awsError('InvalidID', `The ID '${id}' is not valid`);
  if (!isWellFormedId(id, kind.prefix)) throw awsError(kind.malformedCode, `Invalid id: "${id}"`);
  const record = collectionOf(ctx, kind).find((r) => r[kind.idKey] === id);
  if (!record) throw kind.notFound(id);
  return { record, kind };
}

/** The records of one collection selected by ids (in the order asked), throwing for a missing or malformed id. */
export function requireByIds<T>(ctx: HandlerContext, collection: keyof Ec2State, ids: string[]): T[] {
  const kind = RESOURCE_KINDS.find((k) => k.collection === collection);
  if (!kind) throw new Error(`sandbox: no EC2 resource kind for ${collection}`);
  return [...new Set(ids)].map((id) => {
    if (!isWellFormedId(id, kind.prefix)) throw awsError(kind.malformedCode, `Invalid id: "${id}"`);
    const record = collectionOf(ctx, kind).find((r) => r[kind.idKey] === id);
    if (!record) throw kind.notFound(id);
    return record as T;
  });
}

/** The tag list of a record (created empty when missing), under Tags or TagSet as its kind stores it. */
export function tagListOf(record: AnyRecord, kind: ResourceKind): Tag[] {
  record[kind.tagsKey] ??= [];
  return record[kind.tagsKey] as Tag[];
}

/** Validates EC2 MaxResults against ids/range; returns the page size (capped like EC2), undefined for "all". */
export function ec2PageSize<I extends { MaxResults?: number }>(
  input: I,
  idsParam: (keyof I & string) | undefined,
  range: { min: number; max: number },
): number | undefined {
  const max = input.MaxResults;
  if (max === undefined) return undefined;
  const ids = idsParam ? (input[idsParam] as unknown[] | undefined) : undefined;
  if (idsParam && ids?.length) {
    const param = idsParam.charAt(0).toLowerCase() + idsParam.slice(1);
    throw awsError(
      'InvalidParameterCombination',
      `The parameter ${param} cannot be used with the parameter maxResults`,
    );
  }
  if (max < range.min || !Number.isInteger(max)) {
    throw awsError(
      'InvalidParameterValue',
      `Value ( ${max} ) for parameter maxResults is invalid. Expecting a value greater than ${range.min}.`,
    );
  }
  return Math.min(max, range.max);
}

export const invalidEc2Token = () => awsError('InvalidPaginationToken', 'The specified pagination token is not valid');

export const tagsFilterOf = (record: { Tags?: Tag[] }) => record.Tags;
