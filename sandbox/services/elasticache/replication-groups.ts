// Amazon ElastiCache (Redis OSS / Valkey) replication groups: DescribeReplicationGroups (MaxRecords 20-100, Marker),
// IncreaseReplicaCount (every shard to NewReplicaCount, at most 5) and ModifyReplicationGroupShardConfiguration
// (cluster mode enabled only; more shards get the existing replica count and an even share of the 16384 slots; fewer
// need NodeGroupsToRemove or NodeGroupsToRetain). Both need ApplyImmediately and an `available` group; the group is
// `modifying` until a later describe (services/progress.ts). Errors as the SDK names them.
import type {
  DescribeReplicationGroupsMessage,
  IncreaseReplicaCountMessage,
  ModifyReplicationGroupShardConfigurationMessage,
} from '@aws-sdk/client-elasticache';
import { awsError } from '../../errors.ts';
import type { ReplicationGroupRec } from '../../state.ts';
import { paginate } from '../pagination.ts';
import { advance, pendingChange } from '../progress.ts';
import type { HandlerContext, Handlers } from '../types.ts';

const MAX_REPLICAS = 5;
const SLOTS = 16_384;
const invalidValue = (message: string) => awsError('InvalidParameterValueException', message);
const invalidCombination = (message: string) => awsError('InvalidParameterCombinationException', message);

function groups(ctx: HandlerContext): ReplicationGroupRec[] {
  ctx.regional.elasticache ??= { replicationGroups: [] };
  return ctx.regional.elasticache.replicationGroups;
}

function requireGroup(ctx: HandlerContext, id: string | undefined): ReplicationGroupRec {
  const group = groups(ctx).find((g) => g.ReplicationGroupId === id);
  if (!group) throw awsError('ReplicationGroupNotFoundFault', `ReplicationGroup ${id} not found.`, { status: 404 });
  return group;
}

const present = ({ pending: _pending, ...shown }: ReplicationGroupRec) => shown;

/** A describe: a modification whose time has come completes (the group and its shards available). */
function settle(ctx: HandlerContext, group: ReplicationGroupRec, read = true) {
  if (group.pending && advance(ctx, group.pending, { read })) {
    delete group.pending;
    group.Status = 'available';
    for (const shard of group.NodeGroups) shard.Status = 'available';
  }
  return present(group);
}

/** A modification starts: the group must be available and the change applied immediately. */
function startModifying(ctx: HandlerContext, group: ReplicationGroupRec, applyImmediately: boolean | undefined) {
  settle(ctx, group, false);
  if (!applyImmediately) throw invalidValue('ApplyImmediately must be true for this operation.');
  if (group.Status !== 'available') {
    throw awsError(
      'InvalidReplicationGroupStateFault',
      `Replication group ${group.ReplicationGroupId} is not available.`,
    );
  }
  group.Status = 'modifying';
  group.pending = pendingChange(ctx, { reads: 2, seconds: 900 });
}

const memberId = (group: ReplicationGroupRec, shardId: string, index: number) =>
  group.ClusterEnabled
    ? `${group.ReplicationGroupId}-${shardId}-${String(index).padStart(3, '0')}`
    : `${group.ReplicationGroupId}-${String(index).padStart(3, '0')}`;

function member(ctx: HandlerContext, group: ReplicationGroupRec, shardId: string, index: number) {
  const zones = ['a', 'b', 'c'].map((suffix) => `${ctx.region}${suffix}`);
  return {
    CacheClusterId: memberId(group, shardId, index),
    CacheNodeId: '0001',
    PreferredAvailabilityZone: zones[(index - 1) % zones.length],
    ...(group.ClusterEnabled ? {} : { CurrentRole: index === 1 ? ('primary' as const) : ('replica' as const) }),
  };
}

const refreshMembers = (group: ReplicationGroupRec) => {
  group.MemberClusters = group.NodeGroups.flatMap((shard) => shard.NodeGroupMembers.map((m) => m.CacheClusterId));
};

function describeReplicationGroups(ctx: HandlerContext, input: DescribeReplicationGroupsMessage) {
  const max = input.MaxRecords ?? 100;
  if (max < 20 || max > 100) throw invalidValue('MaxRecords must be between 20 and 100.');
  const selected = input.ReplicationGroupId ? [requireGroup(ctx, input.ReplicationGroupId)] : groups(ctx);
  const page = paginate(selected, (g) => g.ReplicationGroupId, {
    token: input.Marker,
    pageSize: max,
    invalidToken: () => invalidValue('Invalid marker.'),
  });
  return { ReplicationGroups: page.items.map((group) => settle(ctx, group)), Marker: page.nextToken };
}

function increaseReplicaCount(ctx: HandlerContext, input: IncreaseReplicaCountMessage) {
  const group = requireGroup(ctx, input.ReplicationGroupId);
  const wanted = input.NewReplicaCount;
  if (wanted === undefined || !Number.isInteger(wanted) || wanted > MAX_REPLICAS) {
    throw invalidValue(`NewReplicaCount must be a whole number up to ${MAX_REPLICAS}.`);
  }
  const current = Math.min(...group.NodeGroups.map((shard) => shard.NodeGroupMembers.length - 1));
  if (wanted <= current) throw invalidValue(`NewReplicaCount ${wanted} must be greater than the current ${current}.`);
  startModifying(ctx, group, input.ApplyImmediately);
  for (const shard of group.NodeGroups) {
    for (let index = shard.NodeGroupMembers.length + 1; index <= wanted + 1; index++) {
      shard.NodeGroupMembers.push(member(ctx, group, shard.NodeGroupId, index));
    }
    shard.Status = 'modifying';
  }
  refreshMembers(group);
  return { ReplicationGroup: present(group) };
}

function slotRanges(count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const start = Math.floor((SLOTS * index) / count);
    const end = Math.floor((SLOTS * (index + 1)) / count) - 1;
    return `${start}-${end}`;
  });
}

function modifyShardConfiguration(ctx: HandlerContext, input: ModifyReplicationGroupShardConfigurationMessage) {
  const group = requireGroup(ctx, input.ReplicationGroupId);
  if (!group.ClusterEnabled)
    throw invalidCombination('Cluster mode must be enabled to modify the shard configuration.');
  const count = input.NodeGroupCount;
  if (count === undefined || !Number.isInteger(count) || count < 1 || count > 500) {
    throw invalidValue('NodeGroupCount must be between 1 and 500.');
  }
  const current = group.NodeGroups.length;
  if (count === current) throw invalidValue(`The replication group already has ${count} node groups.`);
  const removing = count < current;
  if (removing && !input.NodeGroupsToRemove?.length && !input.NodeGroupsToRetain?.length) {
    throw invalidCombination('NodeGroupsToRemove or NodeGroupsToRetain is required when decreasing NodeGroupCount.');
  }
  startModifying(ctx, group, input.ApplyImmediately);
  if (removing) {
    const keep = input.NodeGroupsToRetain?.length
      ? (id: string) => input.NodeGroupsToRetain!.includes(id)
      : (id: string) => !input.NodeGroupsToRemove!.includes(id);
    group.NodeGroups = group.NodeGroups.filter((shard) => keep(shard.NodeGroupId));
  } else {
    const replicas = Math.max(...group.NodeGroups.map((shard) => shard.NodeGroupMembers.length - 1), 0);
    for (let next = current + 1; next <= count; next++) {
      const id = String(next).padStart(4, '0');
      group.NodeGroups.push({
        NodeGroupId: id,
        Status: 'creating',
        NodeGroupMembers: Array.from({ length: replicas + 1 }, (_, index) => member(ctx, group, id, index + 1)),
      });
    }
  }
  slotRanges(group.NodeGroups.length).forEach((slots, index) => {
    group.NodeGroups[index].Slots = slots;
  });
  refreshMembers(group);
  return { ReplicationGroup: present(group) };
}

export const replicationGroupHandlers: Handlers = {
  DescribeReplicationGroups: describeReplicationGroups,
  IncreaseReplicaCount: increaseReplicaCount,
  ModifyReplicationGroupShardConfiguration: modifyShardConfiguration,
};
