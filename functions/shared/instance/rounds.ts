// The two rounds of parallel calls that read everything containment needs about an instance (instance, attributes,
// addresses, profile association, volumes, groups, case snapshots, ASG membership, target groups; then target
// health, the ASG and the profile's roles), so the gate costs two sequential AWS calls, not fifteen.
import {
  type AutoScalingClient,
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
  type EC2Client,
} from '@aws-sdk/client-ec2';
import {
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  type ElasticLoadBalancingV2Client,
  type TargetGroup,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { GetInstanceProfileCommand, type IAMClient } from '@aws-sdk/client-iam';
import { InvalidInputError, ResourceNotFoundError } from '../errors/errors.ts';
import { TAG } from './case.ts';

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
/** Round one: the instance, its attributes, addresses, profile association, volumes, groups, case snapshots, ASG membership and target groups, in parallel. @throws ResourceNotFoundError, InvalidInputError for a missing or malformed instance id. */
export async function firstRound(clients: ReadClients, request: ReadRequest) {
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

/** The instance profile's name, from its ARN (GetInstanceProfile takes the name). */
export const profileName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** Round two: what depends on round one (target health per group in the instance's VPCs, the ASG, the role). */
/** Round two, from round one's answers: target health, the Auto Scaling group and the profile's roles, in parallel. */
export async function secondRound(
  clients: ReadClients,
  request: ReadRequest,
  first: Awaited<ReturnType<typeof firstRound>>,
) {
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

/** What round one answered. */
export type FirstRound = Awaited<ReturnType<typeof firstRound>>;
/** What round two answered. */
export type SecondRound = Awaited<ReturnType<typeof secondRound>>;
