// regional-failover's block under `playbooks.regionalFailover` in config/*.yml: the topology it fails over.
import * as z from 'zod';
import { awsRegion, scheduleWithDefault } from '../shared/config/primitives.ts';

/** Secondary capacity to scale before traffic arrives: an Auto Scaling group, an ECS service or an EKS node group. */
export const Capacity = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('asg'),
    name: z.string().min(1),
    /** Desired capacity after scaling. */
    desired: z.number().int().min(1),
    /** Minimum size after scaling (default: desired, so no scaling policy takes capacity away mid-failover). */
    min: z.number().int().min(0).optional(),
  }),
  z.strictObject({
    kind: z.literal('ecs'),
    cluster: z.string().min(1),
    service: z.string().min(1),
    desired: z.number().int().min(1),
  }),
  z.strictObject({
    kind: z.literal('eks'),
    cluster: z.string().min(1),
    nodegroup: z.string().min(1),
    desired: z.number().int().min(1),
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(1).optional(),
  }),
]);
export type Capacity = z.infer<typeof Capacity>;

export const RegionalFailover = z.strictObject({
  /** The nightly readiness check (the pre-checks, nothing changed): SEV3 when not ready. */
  readinessSchedule: scheduleWithDefault('cron(30 3 * * ? *)'),
  /** The region it fails over from (default: the first configured region). */
  primaryRegion: awsRegion.optional(),
  /** The region it fails over to (default: the second configured region). */
  secondaryRegion: awsRegion.optional(),
  database: z
    .strictObject({
      /** `global-cluster`: an Aurora global database (SwitchoverGlobalCluster / FailoverGlobalCluster);
       *  `replica-cluster`: a cross-region read replica cluster (PromoteReadReplicaDBCluster, the runbook's path). */
      kind: z.enum(['global-cluster', 'replica-cluster']).default('global-cluster'),
      globalClusterId: z.string().min(1).default('idp-aurora-global'),
      /** The cluster in the secondary region that becomes the writer. */
      secondaryClusterId: z.string().min(1).default('idp-aurora-secondary'),
      /** CloudWatch metric of the replication lag, in the secondary region, dimension DBClusterIdentifier. */
      lagMetric: z
        .enum(['AuroraGlobalDBReplicationLag', 'AuroraReplicaLag', 'AuroraBinlogReplicaLag'])
        .default('AuroraGlobalDBReplicationLag'),
      /** A planned failover needs the lag below this (the runbook: 1000 ms). */
      maxLagMs: z.number().int().min(1).default(1000),
      /** Minutes of lag datapoints the check reads (its last reading is the estimated data loss). */
      lagWindowMinutes: z.number().int().min(1).max(60).default(5),
    })
    .prefault({}),
  /** The secondary region's target group that must have healthy targets. */
  targetGroup: z
    .strictObject({ name: z.string().min(1).default('idp-api-blue'), minHealthy: z.number().int().min(1).default(1) })
    .prefault({}),
  /** What to scale in the secondary region, in order. */
  capacity: z.array(Capacity).default([{ kind: 'asg', name: 'idp-api-gateway-asg', desired: 3 }]),
  dns: z
    .strictObject({
      /** The Route 53 hosted zone holding the record (required before a failover can pass its pre-checks). */
      hostedZoneId: z.string().min(1).optional(),
      recordName: z.string().min(1).default('api.idp.example.com'),
      /** `CNAME` with `ttl` (the runbook), or `ALIAS`: an alias A record, for a name at the zone apex. */
      type: z.enum(['CNAME', 'ALIAS']).default('CNAME'),
      ttl: z.number().int().min(0).max(86400).default(60),
      /** The secondary region's load balancer the record points at. */
      loadBalancerName: z.string().min(1).default('idp-prod-alb'),
    })
    .prefault({}),
  /** A Cloud Map service (in the secondary region) whose DNS records get this TTL. Omit for none. */
  serviceDiscovery: z
    .strictObject({ serviceId: z.string().min(1), ttl: z.number().int().min(0).default(60) })
    .optional(),
  /** The backup bucket that must be reachable from the secondary region (default: idp-backup-<secondary region>). */
  backupBucket: z.string().min(3).max(63).optional(),
  /** Fetched through the new record after the switch: it must answer 200. */
  healthCheckUrl: z.url().default('https://api.idp.example.com/health'),
  /** Seconds between looks at capacity, database, DNS and the health URL. */
  pollSeconds: z.number().int().min(1).max(600).default(15),
  /** Minutes each phase may take before the run stops and alerts. */
  timeoutMinutes: z
    .strictObject({
      capacity: z.number().int().min(1).default(20),
      database: z.number().int().min(1).default(30),
      dns: z.number().int().min(1).default(10),
      healthCheck: z.number().int().min(1).default(5),
    })
    .prefault({}),
  /** An unplanned failover nobody approves in time fails, having changed nothing. */
  approvalTimeoutSeconds: z.number().int().min(60).max(86400).default(1800),
  /** How long the failover lock holds at most (longer than the whole run). */
  lockTtlSeconds: z.number().int().min(600).max(86400).default(7200),
});

/** The block with its defaults applied. */
export type RegionalFailoverSettings = z.output<typeof RegionalFailover>;
