// What scale-capacity takes by hand: one piece of capacity and what it should be, by the API that really scales it
// (the runbook's commands, corrected where they do not apply: an Aurora reader is CreateDBInstance in the cluster, an
// ElastiCache shard or replica is ModifyReplicationGroupShardConfiguration / IncreaseReplicaCount). Strict: an
// unknown key is refused by name.
import * as z from 'zod';
import { awsRegion } from '../../shared/config/primitives.ts';

const size = z.number().int().min(0).max(10_000);
const common = {
  region: awsRegion.optional(),
  reason: z.string().min(3).max(500).optional(),
  dryRun: z.boolean().default(false),
};
const name = z.string().regex(/^[\w.\-:/]{1,255}$/);

export const ManualInput = z.discriminatedUnion('target', [
  z.strictObject({
    target: z.literal('eks-nodegroup'),
    clusterName: name,
    nodegroupName: name,
    minSize: size.optional(),
    maxSize: size.min(1).optional(),
    desiredSize: size.optional(),
    ...common,
  }),
  z.strictObject({
    target: z.literal('asg'),
    autoScalingGroupName: name,
    minSize: size.optional(),
    maxSize: size.optional(),
    desiredCapacity: size.optional(),
    ...common,
  }),
  z.strictObject({ target: z.literal('ecs-service'), cluster: name, service: name, desiredCount: size, ...common }),
  z.strictObject({
    target: z.literal('aurora-replica'),
    clusterId: z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{0,62}$/),
    count: z.number().int().min(1).max(15).default(1),
    instanceClass: z
      .string()
      .regex(/^db\.[\w.]+$/)
      .optional(),
    ...common,
  }),
  z.strictObject({
    target: z.literal('elasticache'),
    replicationGroupId: z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]{0,39}$/),
    shards: z.number().int().min(1).max(500).optional(),
    replicasPerShard: z.number().int().min(0).max(5).optional(),
    ...common,
  }),
]);
export type Request = z.output<typeof ManualInput>;
