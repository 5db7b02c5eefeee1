// Reads everything containment needs about an instance (rounds.ts: two rounds of parallel calls) and assembles the
// evidence (what the instance was, to restore it and to prove it) and the isolation plan (what already exists for
// the case: its groups, its snapshots).
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import { EC2Client, type Instance } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { IAMClient } from '@aws-sdk/client-iam';
import { awsClient } from '../aws/clients.ts';
import { TAG } from './case.ts';
import type { InstanceEvidence, IsolationPlan, TargetEvidence } from './evidence.ts';
import {
  type FirstRound,
  firstRound,
  profileName,
  type ReadClients,
  type ReadRequest,
  type SecondRound,
  secondRound,
} from './rounds.ts';

export type { ReadClients, ReadRequest } from './rounds.ts';

function targetsOf(instance: Instance, health: SecondRound['health']): TargetEvidence[] {
  const ips = new Set(
    (instance.NetworkInterfaces ?? []).flatMap((eni) => eni.PrivateIpAddresses ?? []).map((ip) => ip.PrivateIpAddress),
  );
  const mine = (targetType: string | undefined, id: string | undefined) =>
    targetType === 'instance' ? id === instance.InstanceId : ips.has(id);
  return health.flatMap(({ group, targets }) => {
    const healthyOthers = targets.filter(
      (target) => !mine(group.TargetType, target.Target?.Id) && target.TargetHealth?.State === 'healthy',
    ).length;
    return targets
      .filter((target) => mine(group.TargetType, target.Target?.Id))
      .map((target) => ({
        targetGroupArn: group.TargetGroupArn!,
        targetGroupName: group.TargetGroupName ?? '',
        targetType: group.TargetType as 'instance' | 'ip',
        id: target.Target!.Id!,
        port: target.Target?.Port,
        availabilityZone: target.Target?.AvailabilityZone,
        state: target.TargetHealth?.State ?? 'unknown',
        healthyOthers,
      }));
  });
}

export interface InstanceReading {
  evidence: InstanceEvidence;
  plan: IsolationPlan;
}

/**
 * Round one alone (tags, state): enough to decide not to act before spending round two. `finish` reads round two
 * and settles the plan for the case the gate decided on (it may continue an earlier case).
 */
export async function readInstanceInTwoSteps(clients: ReadClients, request: ReadRequest) {
  const first = await firstRound(clients, request);
  return {
    instance: first.instance,
    finish: async (caseId: string = request.caseId): Promise<InstanceReading> => {
      const second = await secondRound(clients, request, first);
      return { evidence: toEvidence(request, first, second), plan: toPlan(request, first, caseId) };
    },
  };
}

type First = FirstRound;
type Second = SecondRound;

function toPlan(request: ReadRequest, first: First, caseId: string): IsolationPlan {
  const vpcIds = [...new Set((first.instance.NetworkInterfaces ?? []).map((eni) => eni.VpcId!))];
  const groups = first.groups.SecurityGroups ?? [];
  const groupIn = (vpcId: string, name: string) => groups.find((g) => g.VpcId === vpcId && g.GroupName === name);
  return {
    vpcs: vpcIds.map((vpcId) => {
      const isolation = groupIn(vpcId, request.groupNames.isolation);
      const ingress = isolation?.IpPermissions ?? [];
      const egress = isolation?.IpPermissionsEgress ?? [];
      return {
        vpcId,
        isolationGroupId: isolation?.GroupId,
        ...(ingress.length || egress.length
          ? { isolationGroupRules: JSON.parse(JSON.stringify({ ingress, egress })) }
          : {}),
        untrackGroupId: groupIn(vpcId, request.groupNames.untrack)?.GroupId,
      };
    }),
    existingSnapshots: (first.snapshots.Snapshots ?? [])
      .filter((snapshot) => snapshot.Tags?.some((tag) => tag.Key === TAG.case && tag.Value === caseId))
      .map((snapshot) => ({ snapshotId: snapshot.SnapshotId!, volumeId: snapshot.VolumeId! })),
  };
}

function toEvidence(request: ReadRequest, first: First, second: Second): InstanceEvidence {
  const { instance } = first;
  const volumeDetails = new Map((first.volumes.Volumes ?? []).map((volume) => [volume.VolumeId, volume]));
  const association = first.profiles.IamInstanceProfileAssociations?.[0];
  const membership = first.asgInstances.AutoScalingInstances?.[0];
  const asg = second.asg;
  const shutdown = first.shutdown.InstanceInitiatedShutdownBehavior?.Value === 'terminate' ? 'terminate' : 'stop';
  return {
    schema: 1,
    capturedAt: request.now.toISOString(),
    region: request.region,
    instanceId: request.instanceId,
    state: instance.State?.Name ?? 'unknown',
    instanceType: instance.InstanceType,
    imageId: instance.ImageId,
    launchTime: instance.LaunchTime?.toISOString(),
    availabilityZone: instance.Placement?.AvailabilityZone,
    vpcId: instance.VpcId,
    tags: Object.fromEntries((instance.Tags ?? []).map((tag) => [tag.Key!, tag.Value ?? ''])),
    protection: {
      disableApiTermination: first.termination.DisableApiTermination?.Value === true,
      shutdownBehavior: shutdown,
    },
    networkInterfaces: (instance.NetworkInterfaces ?? [])
      .map((eni) => ({
        networkInterfaceId: eni.NetworkInterfaceId!,
        deviceIndex: eni.Attachment?.DeviceIndex ?? 0,
        vpcId: eni.VpcId!,
        subnetId: eni.SubnetId!,
        groups: (eni.Groups ?? []).map((group) => ({ groupId: group.GroupId!, groupName: group.GroupName })),
        sourceDestCheck: eni.SourceDestCheck !== false,
        privateIpAddress: eni.PrivateIpAddress,
        privateIpAddresses: (eni.PrivateIpAddresses ?? []).map((ip) => ip.PrivateIpAddress!),
        ipv6Addresses: (eni.Ipv6Addresses ?? []).map((ip) => ip.Ipv6Address!),
        publicIp: eni.Association?.PublicIp,
      }))
      .sort((a, b) => a.deviceIndex - b.deviceIndex),
    elasticIps: (first.addresses.Addresses ?? [])
      .filter((address) => address.AllocationId && address.AssociationId)
      .map((address) => ({
        allocationId: address.AllocationId!,
        associationId: address.AssociationId!,
        publicIp: address.PublicIp!,
        networkInterfaceId: address.NetworkInterfaceId,
        privateIpAddress: address.PrivateIpAddress,
      })),
    volumes: (instance.BlockDeviceMappings ?? [])
      .filter((mapping) => mapping.Ebs?.VolumeId)
      .map((mapping) => {
        const volume = volumeDetails.get(mapping.Ebs!.VolumeId);
        return {
          volumeId: mapping.Ebs!.VolumeId!,
          deviceName: mapping.DeviceName!,
          deleteOnTermination: mapping.Ebs!.DeleteOnTermination === true,
          sizeGiB: volume?.Size,
          volumeType: volume?.VolumeType,
          encrypted: volume?.Encrypted,
        };
      }),
    instanceProfile: association?.IamInstanceProfile?.Arn
      ? {
          associationId: association.AssociationId!,
          arn: association.IamInstanceProfile.Arn,
          name: profileName(association.IamInstanceProfile.Arn),
          roleNames: (second.profile?.Roles ?? []).map((role) => role.RoleName!),
        }
      : null,
    autoScalingGroup:
      membership && asg
        ? {
            name: asg.AutoScalingGroupName!,
            minSize: asg.MinSize ?? 0,
            maxSize: asg.MaxSize ?? 0,
            desiredCapacity: asg.DesiredCapacity ?? 0,
            lifecycleState: membership.LifecycleState ?? 'unknown',
            inServiceOthers: (asg.Instances ?? []).filter(
              (other) =>
                other.InstanceId !== request.instanceId &&
                other.LifecycleState === 'InService' &&
                other.HealthStatus === 'Healthy',
            ).length,
            protectedFromScaleIn: membership.ProtectedFromScaleIn === true,
          }
        : null,
    targetGroups: targetsOf(instance, second.health),
    raw: JSON.parse(JSON.stringify(instance)),
  };
}

/** The clients an instance reading needs, in the instance's account (its member role) and region. */
export function readClientsIn(region: string, account?: string): ReadClients {
  return {
    ec2: awsClient(EC2Client, region, { account }),
    autoScaling: awsClient(AutoScalingClient, region, { account }),
    elb: awsClient(ElasticLoadBalancingV2Client, region, { account }),
    iam: awsClient(IAMClient, region, { account }),
  };
}
