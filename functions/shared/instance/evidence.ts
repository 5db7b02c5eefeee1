// The instance's metadata as captured before containment: the forensic record stored with its SHA-256 in the
// reports bucket, and exactly what release-instance restores. A zod schema, because release reads it back from
// S3 and must refuse anything that is not what capture wrote.
import { createHash } from 'node:crypto';
import * as z from 'zod';

const EniEvidence = z.object({
  networkInterfaceId: z.string(),
  deviceIndex: z.number().int(),
  vpcId: z.string(),
  subnetId: z.string(),
  groups: z.array(z.object({ groupId: z.string(), groupName: z.string().optional() })),
  sourceDestCheck: z.boolean(),
  privateIpAddress: z.string().optional(),
  privateIpAddresses: z.array(z.string()),
  ipv6Addresses: z.array(z.string()),
  publicIp: z.string().optional(),
});

const ElasticIpEvidence = z.object({
  allocationId: z.string(),
  associationId: z.string(),
  publicIp: z.string(),
  networkInterfaceId: z.string().optional(),
  privateIpAddress: z.string().optional(),
});

const VolumeEvidence = z.object({
  volumeId: z.string(),
  deviceName: z.string(),
  deleteOnTermination: z.boolean(),
  sizeGiB: z.number().optional(),
  volumeType: z.string().optional(),
  encrypted: z.boolean().optional(),
});

const ProfileEvidence = z.object({
  associationId: z.string(),
  arn: z.string(),
  name: z.string(),
  roleNames: z.array(z.string()),
});

const AsgEvidence = z.object({
  name: z.string(),
  minSize: z.number().int(),
  maxSize: z.number().int(),
  desiredCapacity: z.number().int(),
  lifecycleState: z.string(),
  /** Other InService, Healthy instances of the group. */
  inServiceOthers: z.number().int(),
  protectedFromScaleIn: z.boolean(),
});

const TargetEvidence = z.object({
  targetGroupArn: z.string(),
  targetGroupName: z.string(),
  targetType: z.enum(['instance', 'ip']),
  id: z.string(),
  port: z.number().int().optional(),
  availabilityZone: z.string().optional(),
  state: z.string(),
  /** Other healthy targets of the group. */
  healthyOthers: z.number().int(),
});

export const InstanceEvidence = z.object({
  schema: z.literal(1),
  capturedAt: z.string(),
  region: z.string(),
  instanceId: z.string(),
  state: z.string(),
  instanceType: z.string().optional(),
  imageId: z.string().optional(),
  launchTime: z.string().optional(),
  availabilityZone: z.string().optional(),
  vpcId: z.string().optional(),
  tags: z.record(z.string(), z.string()),
  protection: z.object({
    disableApiTermination: z.boolean(),
    shutdownBehavior: z.enum(['stop', 'terminate']),
  }),
  networkInterfaces: z.array(EniEvidence),
  elasticIps: z.array(ElasticIpEvidence),
  volumes: z.array(VolumeEvidence),
  instanceProfile: ProfileEvidence.nullable(),
  autoScalingGroup: AsgEvidence.nullable(),
  targetGroups: z.array(TargetEvidence),
  /** The DescribeInstances record as EC2 returned it (forensics, not used to restore). */
  raw: z.record(z.string(), z.unknown()),
});
export type InstanceEvidence = z.infer<typeof InstanceEvidence>;
export type EniEvidence = z.infer<typeof EniEvidence>;
export type TargetEvidence = z.infer<typeof TargetEvidence>;

/** The exact bytes stored, so the hash in the audit trail and the report is the hash of the object. */
export function serializeEvidence(evidence: InstanceEvidence): { body: string; sha256: string } {
  const body = `${JSON.stringify(evidence, null, 2)}\n`;
  return { body, sha256: sha256Hex(body) };
}

export function sha256Hex(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

const IpPermissions = z.array(z.record(z.string(), z.unknown()));

/** Per VPC of the instance: the isolation and untrack groups the gate found (created by isolate where missing). */
export const IsolationPlan = z.object({
  vpcs: z.array(
    z.object({
      vpcId: z.string(),
      isolationGroupId: z.string().optional(),
      /** Rules someone added to an existing isolation group: isolate revokes them. */
      isolationGroupRules: z.object({ ingress: IpPermissions, egress: IpPermissions }).optional(),
      untrackGroupId: z.string().optional(),
    }),
  ),
  /** Snapshots already tagged with this case (a re-run after a failure must not snapshot twice). */
  existingSnapshots: z.array(z.object({ snapshotId: z.string(), volumeId: z.string() })),
});
export type IsolationPlan = z.infer<typeof IsolationPlan>;
