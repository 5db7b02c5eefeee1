// scale-capacity's block under `playbooks.scaleCapacity` in config/*.yml: the bounds every request is checked against
// before any call (a floor below which nothing scales in, a ceiling above which nothing scales out), per kind of
// capacity and per named resource, and how long it waits for the new capacity to be healthy.
import * as z from 'zod';

export const Bounds = z
  .strictObject({
    /** The least capacity (desired count, minimum size) a request may leave. */
    floor: z.number().int().min(0),
    /** The most capacity (desired count, maximum size) a request may set. */
    ceiling: z.number().int().min(1),
  })
  .refine((bounds) => bounds.floor <= bounds.ceiling, 'floor <= ceiling');
export type Bounds = z.infer<typeof Bounds>;

export const ScaleCapacity = z.strictObject({
  /** Auto Scaling groups: desired capacity and minimum size >= floor, maximum size <= ceiling. */
  asg: Bounds.default({ floor: 1, ceiling: 50 }),
  /** ECS services: desired task count. */
  ecsService: Bounds.default({ floor: 1, ceiling: 100 }),
  /** EKS managed node groups: desired and minimum size >= floor, maximum size <= ceiling (runbook: max 50). */
  eksNodegroup: Bounds.default({ floor: 2, ceiling: 50 }),
  auroraReplica: z
    .strictObject({
      /** Readers a cluster may have after the request (Aurora allows 15). */
      maxReaders: z.number().int().min(1).max(15).default(15),
      /** Readers one request may add. */
      maxAddPerRun: z.number().int().min(1).max(15).default(3),
      /** Instance class of a new reader when the request names none. */
      instanceClass: z
        .string()
        .regex(/^db\.[\w.]+$/)
        .default('db.r6g.large'),
    })
    .prefault({}),
  elasticache: z
    .strictObject({
      /** Replicas per shard a request may set (ElastiCache allows 5). */
      maxReplicasPerShard: z.number().int().min(1).max(5).default(5),
      /** Shards a request may set. */
      maxShards: z.number().int().min(1).max(500).default(15),
    })
    .prefault({}),
  /** Bounds of one resource instead of its kind's: `asg:<name>`, `ecs-service:<cluster>/<service>`, `eks-nodegroup:<cluster>/<nodegroup>`. */
  overrides: z.record(z.string().regex(/^(asg|ecs-service|eks-nodegroup):.+$/), Bounds).default({}),
  /** Wait between health checks of the new capacity (seconds) ... */
  waitSeconds: z.number().int().min(5).max(600).default(30),
  /** ... and at most this many checks before the run fails as not healthy in time. */
  maxPolls: z.number().int().min(1).max(200).default(40),
});

/** The block with its defaults applied. */
export type ScaleCapacitySettings = z.output<typeof ScaleCapacity>;
