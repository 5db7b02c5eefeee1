// Reads everything containment needs about an instance in two rounds of parallel calls (instance, attributes,
// addresses, profile association, volumes, groups, case snapshots, ASG membership, target groups; then target
// health, the ASG and the profile's roles), so the gate costs two sequential AWS calls, not fifteen.
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribeAutoScalingInstancesCommand,
} from '@aws-sdk/client-auto-scaling';
import {
  DescribeAddressesCommand,
  DescribeIamInstanceProfileAssociationsCommand,
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2';
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetInstanceProfileCommand, IAMClient } from '@aws-sdk/client-iam';
import { awsClient } from '../aws/clients.ts';
import { InvalidInputError, ResourceNotFoundError } from '../errors/errors.ts';
import { TAG } from './case.ts';
import type { InstanceEvidence, IsolationPlan, TargetEvidence } from './evidence.ts';

export interface ReadClients {
  ec2: EC2Client;
  autoScaling: AutoScalingClient;
  elb: ElasticLoadBalancingV2Client;
  iam: IAMClient;
}

export interface ReadRequest {
  instanceId: string;
  region: string;
  /** The case as parsed from the input (the gate may continue an earlier one: see `finish`). */
  caseId: string;
  groupNames: { isolation: string; untrack: string };
  now: Date;
}

const byInstance = (instanceId: string) => [{ Name: 'instance-id', Values: [instanceId] }];

/** EC2's answer for an unknown or malformed id becomes our named error (the state machine's Catch reads it). */
function instanceError(error: unknown, instanceId: string): unknown {
  const name = (error as Error).name;
  if (name === 'InvalidInstanceID.NotFound') return new ResourceNotFoundError(`instance ${instanceId} does not exist`);
  if (name === 'InvalidInstanceID.Malformed') return new InvalidInputError(`"${instanceId}" is not an EC2 instance id`);
  return error;
}

async function settle<T extends readonly unknown[]>(
  promises: { [K in keyof T]: Promise<T[K]> },
  instanceId: string,
): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw instanceError((failed as PromiseRejectedResult).reason, instanceId);
  return results.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

async function allTargetGroups(elb: ElasticLoadBalancingV2Client): Promise<TargetGroup[]> {
  const groups: TargetGroup[] = [];
  let Marker: string | undefined;
  do {
    const page = await elb.send(new DescribeTargetGroupsCommand({ Marker, PageSize: 400 }));
    groups.push(...(page.TargetGroups ?? []));
    Marker = page.NextMarker;
  } while (Marker);
  return groups;
}

/** Round one: every read that needs only the instance id. */
async function firstRound(clients: ReadClients, request: ReadRequest) {
  const { ec2 } = clients;
  const { instanceId } = request;
  const attribute = (Attribute: 'disableApiTermination' | 'instanceInitiatedShutdownBehavior') =>
    ec2.send(new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute }));
  const [
    instances,
    termination,
    shutdown,
    addresses,
    profiles,
    volumes,
    groups,
    snapshots,
    asgInstances,
    targetGroups,
  ] = await settle(
    [
      ec2.send(new DescribeInstancesCommand({ InstanceIds: [instanceId] })),
      attribute('disableApiTermination'),
      attribute('instanceInitiatedShutdownBehavior'),
      ec2.send(new DescribeAddressesCommand({ Filters: byInstance(instanceId) })),
      ec2.send(
        new DescribeIamInstanceProfileAssociationsCommand({
          Filters: [...byInstance(instanceId), { Name: 'state', Values: ['associated'] }],
        }),
      ),
      ec2.send(new DescribeVolumesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }] })),
      ec2.send(
        new DescribeSecurityGroupsCommand({
          Filters: [{ Name: 'group-name', Values: [request.groupNames.isolation, request.groupNames.untrack] }],
        }),
      ),
      ec2.send(
        new DescribeSnapshotsCommand({
          OwnerIds: ['self'],
          // Every case's snapshots of this instance: the case is only settled after the tags are read.
          Filters: [{ Name: `tag:${TAG.instance}`, Values: [instanceId] }],
        }),
      ),
      clients.autoScaling.send(new DescribeAutoScalingInstancesCommand({ InstanceIds: [instanceId] })),
      allTargetGroups(clients.elb),
    ] as const,
    instanceId,
  );
  const instance = instances.Reservations?.flatMap((reservation) => reservation.Instances ?? [])[0];
  if (!instance) throw new ResourceNotFoundError(`instance ${instanceId} does not exist`);
  return {
    instance,
    termination,
    shutdown,
    addresses,
    profiles,
    volumes,
    groups,
    snapshots,
    asgInstances,
    targetGroups,
  };
}

const profileName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** Round two: what depends on round one (target health per group in the instance's VPCs, the ASG, the role). */
async function secondRound(clients: ReadClients, request: ReadRequest, first: Awaited<ReturnType<typeof firstRound>>) {
  const { instance } = first;
  const vpcs = new Set((instance.NetworkInterfaces ?? []).map((eni) => eni.VpcId).concat(instance.VpcId));
  const candidates = first.targetGroups.filter(
    (group) => vpcs.has(group.VpcId) && (group.TargetType === 'instance' || group.TargetType === 'ip'),
  );
  const asgMembership = first.asgInstances.AutoScalingInstances?.[0];
  const association = first.profiles.IamInstanceProfileAssociations?.[0];
  const [health, asg, profile] = await settle(
    [
      Promise.all(
        candidates.map(async (group) => ({
          group,
          targets:
            (await clients.elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: group.TargetGroupArn })))
              .TargetHealthDescriptions ?? [],
        })),
      ),
      asgMembership
        ? clients.autoScaling.send(
            new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [asgMembership.AutoScalingGroupName!] }),
          )
        : Promise.resolve(undefined),
      association?.IamInstanceProfile?.Arn
        ? clients.iam.send(
            new GetInstanceProfileCommand({ InstanceProfileName: profileName(association.IamInstanceProfile.Arn) }),
          )
        : Promise.resolve(undefined),
    ] as const,
    request.instanceId,
  );
  return { health, asg: asg?.AutoScalingGroups?.[0], profile: profile?.InstanceProfile };
}

function targetsOf(instance: Instance, health: Awaited<ReturnType<typeof secondRound>>['health']): TargetEvidence[] {
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

type First = Awaited<ReturnType<typeof firstRound>>;
type Second = Awaited<ReturnType<typeof secondRound>>;

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
