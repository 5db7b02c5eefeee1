// Seed builders for the capacity the scaling and deployment playbooks change: EKS clusters and their managed node
// groups, ECS clusters and services (bound to their target groups by name), ElastiCache replication groups (shards
// and replicas), and the HTTP endpoints sandbox/http.ts answers (the smoke tests of green environments). The DB
// instances of the seeded Aurora clusters' members come from resilience.ts (buildDbInstances).
import { derivedHex, type SeedContext, type Spec } from './util.ts';

const arn = (ctx: SeedContext, service: string, resource: string) =>
  `arn:aws:${service}:${ctx.region}:${ctx.accountId}:${resource}`;

const uuidFrom = (seed: string) => {
  const hex = derivedHex(seed, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** `{name, version, nodegroups: [{name, min, max, desired, instanceTypes?}]}` -> EKS clusters with node groups. */
export function buildEksClusters(specs: Spec[] = [], ctx: SeedContext): Spec[] {
  return specs.map((c) => ({
    name: c.name,
    arn: arn(ctx, 'eks', `cluster/${c.name}`),
    status: 'ACTIVE',
    version: String(c.version ?? '1.31'),
    nodegroups: (c.nodegroups ?? []).map((n: Spec) => ({
      nodegroupName: n.name,
      nodegroupArn: arn(ctx, 'eks', `nodegroup/${c.name}/${n.name}/${uuidFrom(`${ctx.region}/${c.name}/${n.name}`)}`),
      clusterName: c.name,
      version: String(c.version ?? '1.31'),
      status: 'ACTIVE',
      capacityType: 'ON_DEMAND',
      instanceTypes: n.instanceTypes ?? ['m6i.xlarge'],
      scalingConfig: { minSize: n.min, maxSize: n.max, desiredSize: n.desired },
      createdAt: n.createdAt,
      modifiedAt: n.createdAt,
      health: { issues: [] },
      resources: { autoScalingGroups: [{ name: `eks-${n.name}-${derivedHex(n.name, 8)}` }] },
      updates: [],
    })),
  }));
}

/** `{name, services: [{name, desired, taskDefinition, targetGroups: [name], containerPort}]}` -> ECS clusters. */
export function buildEcsClusters(specs: Spec[] = [], elbv2: Spec, ctx: SeedContext): Spec[] {
  return specs.map((c) => {
    const clusterArn = arn(ctx, 'ecs', `cluster/${c.name}`);
    return {
      clusterName: c.name,
      clusterArn,
      status: 'ACTIVE',
      services: (c.services ?? []).map((s: Spec) => {
        const taskDefinition = arn(ctx, 'ecs', `task-definition/${s.taskDefinition ?? s.name}:1`);
        return {
          serviceName: s.name,
          serviceArn: arn(ctx, 'ecs', `service/${c.name}/${s.name}`),
          clusterArn,
          status: 'ACTIVE',
          desiredCount: s.desired,
          runningCount: s.desired,
          pendingCount: 0,
          launchType: 'FARGATE',
          taskDefinition,
          createdAt: s.createdAt,
          loadBalancers: (s.targetGroups ?? []).map((name: string) => ({
            targetGroupArn: elbv2.targetGroups.find((t: Spec) => t.TargetGroupName === name)?.TargetGroupArn,
            containerName: s.name,
            containerPort: s.containerPort ?? 8080,
          })),
          deployments: [
            {
              id: `ecs-svc/${derivedHex(`${c.name}/${s.name}`, 19).replace(/[a-f]/g, '7')}`,
              status: 'PRIMARY',
              taskDefinition,
              desiredCount: s.desired,
              pendingCount: 0,
              runningCount: s.desired,
              rolloutState: 'COMPLETED',
              createdAt: s.createdAt,
              updatedAt: s.createdAt,
            },
          ],
        };
      }),
    };
  });
}

/** `{id, description, nodeType, clusterEnabled, shards, replicasPerShard}` -> ElastiCache replication groups. */
export function buildReplicationGroups(specs: Spec[] = [], ctx: SeedContext): Spec[] {
  return specs.map((g) => {
    const zones = ['a', 'b', 'c'].map((suffix) => `${ctx.region}${suffix}`);
    const shards = g.clusterEnabled ? g.shards : 1;
    const NodeGroups = Array.from({ length: shards }, (_, shard) => {
      const NodeGroupId = String(shard + 1).padStart(4, '0');
      return {
        NodeGroupId,
        Status: 'available',
        ...(g.clusterEnabled
          ? {
              Slots: `${Math.floor((16384 * shard) / shards)}-${Math.floor((16384 * (shard + 1)) / shards) - 1}`,
            }
          : {}),
        NodeGroupMembers: Array.from({ length: g.replicasPerShard + 1 }, (_, index) => ({
          CacheClusterId: g.clusterEnabled
            ? `${g.id}-${NodeGroupId}-${String(index + 1).padStart(3, '0')}`
            : `${g.id}-${String(index + 1).padStart(3, '0')}`,
          CacheNodeId: '0001',
          PreferredAvailabilityZone: zones[index % zones.length],
          ...(g.clusterEnabled ? {} : { CurrentRole: index === 0 ? 'primary' : 'replica' }),
        })),
      };
    });
    return {
      ReplicationGroupId: g.id,
      ARN: arn(ctx, 'elasticache', `replicationgroup:${g.id}`),
      Description: g.description ?? g.id,
      Status: 'available',
      ClusterEnabled: Boolean(g.clusterEnabled),
      CacheNodeType: g.nodeType ?? 'cache.r7g.large',
      Engine: g.engine ?? 'redis',
      AutomaticFailover: 'enabled',
      MultiAZ: 'enabled',
      NodeGroups,
      MemberClusters: NodeGroups.flatMap((shard) => shard.NodeGroupMembers.map((m) => m.CacheClusterId)),
    };
  });
}

/** `{url, method?, status, body?, hang?}` as sandbox/http.ts answers them. */
export function buildHttpEndpoints(specs: Spec[] = []): Spec[] {
  return specs.map((e) => ({ ...e, ...(e.method ? { method: String(e.method).toUpperCase() } : {}) }));
}
