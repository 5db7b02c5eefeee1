// Reading each kind of capacity (Describe* only: the plan and check steps cannot change anything): a snapshot of what
// it is now, and whether a change has settled: an Auto Scaling group with exactly its desired capacity in service and
// healthy, an ECS service running its desired count with its deployment completed, an EKS node group ACTIVE without
// health issues once its update is Successful, new Aurora readers available, an ElastiCache group available with the
// shards and replicas asked for.
import type { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import type { ECSClient } from '@aws-sdk/client-ecs';
import {
  DescribeNodegroupCommand,
  DescribeUpdateCommand,
  type EKSClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-eks';
import {
  DescribeReplicationGroupsCommand,
  type ElastiCacheClient,
  ReplicationGroupNotFoundFault,
} from '@aws-sdk/client-elasticache';
import { DescribeDBInstancesCommand, type RDSClient } from '@aws-sdk/client-rds';
import { asgSettled, readAsg } from '../../shared/capacity/asg.ts';
import { ecsSettled, readEcsService } from '../../shared/capacity/ecs.ts';
import { ResourceNotFoundError } from '../../shared/errors/errors.ts';
import type { Change, Snapshot, Subject } from './kinds.ts';

export interface Clients {
  autoScaling: AutoScalingClient;
  ecs: ECSClient;
  eks: EKSClient;
  rds: RDSClient;
  elasticache: ElastiCacheClient;
}

const halves = (name: string) => name.split('/') as [string, string];

async function nodegroup(client: EKSClient, name: string) {
  const [clusterName, nodegroupName] = halves(name);
  try {
    return (await client.send(new DescribeNodegroupCommand({ clusterName, nodegroupName }))).nodegroup!;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) throw new ResourceNotFoundError(`EKS node group ${name} not found`);
    throw error;
  }
}

/** The cluster's DB instances (DescribeDBInstances filtered by db-cluster-id, Marker paging). */
async function auroraSnapshot(client: RDSClient, clusterId: string): Promise<Snapshot> {
  const instances: { id: string; status: string }[] = [];
  let engine = '';
  let Marker: string | undefined;
  do {
    const page = await client.send(
      new DescribeDBInstancesCommand({ Filters: [{ Name: 'db-cluster-id', Values: [clusterId] }], Marker }),
    );
    for (const instance of page.DBInstances ?? []) {
      engine ||= instance.Engine ?? '';
      instances.push({ id: instance.DBInstanceIdentifier ?? '', status: instance.DBInstanceStatus ?? '' });
    }
    Marker = page.Marker;
  } while (Marker);
  if (!instances.length)
    throw new ResourceNotFoundError(`Aurora cluster ${clusterId} has no DB instances (or does not exist)`);
  return { kind: 'aurora-replica', engine, instances };
}

async function elasticacheSnapshot(client: ElastiCacheClient, id: string): Promise<Snapshot> {
  try {
    const group = (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id })))
      .ReplicationGroups![0];
    const shards = group.NodeGroups ?? [];
    return {
      kind: 'elasticache',
      status: group.Status ?? 'unknown',
      shards: shards.length,
      replicasPerShard: Math.min(...shards.map((shard) => (shard.NodeGroupMembers?.length ?? 1) - 1)),
    };
  } catch (error) {
    if (error instanceof ReplicationGroupNotFoundFault)
      throw new ResourceNotFoundError(`replication group ${id} not found`);
    throw error;
  }
}

/** What the capacity is now. @throws ResourceNotFoundError when it does not exist in the region. */
export async function snapshot(clients: Clients, subject: Subject): Promise<Snapshot> {
  switch (subject.kind) {
    case 'asg':
      return { kind: 'asg', ...(await readAsg(clients.autoScaling, subject.name)) };
    case 'ecs-service': {
      const [cluster, service] = halves(subject.name);
      return { kind: 'ecs-service', ...(await readEcsService(clients.ecs, cluster, service)) };
    }
    case 'eks-nodegroup': {
      const group = await nodegroup(clients.eks, subject.name);
      return {
        kind: 'eks-nodegroup',
        minSize: group.scalingConfig?.minSize ?? 0,
        maxSize: group.scalingConfig?.maxSize ?? 0,
        desired: group.scalingConfig?.desiredSize ?? 0,
        status: group.status ?? 'unknown',
        healthIssues: group.health?.issues?.length ?? 0,
      };
    }
    case 'aurora-replica':
      return auroraSnapshot(clients.rds, subject.name);
    case 'elasticache':
      return elasticacheSnapshot(clients.elasticache, subject.name);
  }
}

/** Whether the change has settled: the capacity is what was asked and healthy. `failed` when it cannot be any more. */
export async function settled(
  clients: Clients,
  subject: Subject,
  change: Change,
  applied: { updateId?: string },
): Promise<{ settled: boolean; after: Snapshot; failed?: string }> {
  if (subject.kind === 'eks-nodegroup' && applied.updateId) {
    const [name, nodegroupName] = halves(subject.name);
    const update = (
      await clients.eks.send(new DescribeUpdateCommand({ name, nodegroupName, updateId: applied.updateId }))
    ).update;
    const after = await snapshot(clients, subject);
    if (update?.status === 'Failed' || update?.status === 'Cancelled') {
      const errors = (update.errors ?? []).map((e) => `${e.errorCode}: ${e.errorMessage}`).join('; ');
      return {
        settled: false,
        after,
        failed: `EKS update ${applied.updateId} ${update.status}${errors ? `: ${errors}` : ''}`,
      };
    }
    const ok =
      after.kind === 'eks-nodegroup' &&
      update?.status === 'Successful' &&
      after.status === 'ACTIVE' &&
      !after.healthIssues;
    return { settled: ok, after };
  }
  const after = await snapshot(clients, subject);
  switch (after.kind) {
    case 'asg':
      return { settled: change.kind === 'asg' && after.desired === change.desired && asgSettled(after), after };
    case 'ecs-service':
      return { settled: change.kind === 'ecs-service' && after.desired === change.desired && ecsSettled(after), after };
    case 'eks-nodegroup':
      return { settled: after.status === 'ACTIVE' && !after.healthIssues, after };
    case 'aurora-replica': {
      const wanted = change.kind === 'aurora-replica' ? change.newReaders : [];
      const failedReader = after.instances.find((r) => wanted.includes(r.id) && /failed|incompatible/.test(r.status));
      if (failedReader) return { settled: false, after, failed: `reader ${failedReader.id} is ${failedReader.status}` };
      return {
        settled: wanted.every((id) => after.instances.some((r) => r.id === id && r.status === 'available')),
        after,
      };
    }
    case 'elasticache': {
      const want: { shards?: number; replicasPerShard?: number } = change.kind === 'elasticache' ? change : {};
      const shapeOk =
        (want.shards === undefined || after.shards === want.shards) &&
        (want.replicasPerShard === undefined || after.replicasPerShard === want.replicasPerShard);
      return { settled: after.status === 'available' && shapeOk, after };
    }
  }
}
