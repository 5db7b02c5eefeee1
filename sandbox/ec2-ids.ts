// EC2 ids as data: which collection of the region's EC2 state an id prefix lives in, under which key, where its
// tags are kept, and the error codes EC2 answers for it. Imports no service module, so both the seed (which rejects
// a malformed id in the fixture) and the EC2 handlers (services/ec2/resources.ts, which throws the errors) use it.
import type { Ec2State } from './state.ts';

export interface Ec2IdKind {
  prefix: string;
  collection: keyof Ec2State;
  idKey: string;
  /** Network interfaces keep their tags in TagSet, everything else in Tags. */
  tagsKey: 'Tags' | 'TagSet';
  notFoundCode: string;
  notFoundMessage: (id: string) => string;
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
): Ec2IdKind => ({ prefix, collection, idKey, tagsKey, notFoundCode, notFoundMessage, malformedCode });

export const EC2_ID_KINDS: Ec2IdKind[] = [
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

export function kindOfId(id: string): Ec2IdKind | undefined {
  return EC2_ID_KINDS.find((k) => id.startsWith(`${k.prefix}-`));
}
