// Checks a point-in-time restore before anything is created: the time lies in the source cluster's restorable
// window (EarliestRestorableTime..LatestRestorableTime), the new cluster's name is free (a restore never overwrites:
// only a cluster this same execution created is taken up again), the bucket is one the playbook may restore, is
// reachable and versioned. Resolves what the request leaves out from the source: subnet group, security groups and
// the instance class of its writer.
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, type RDSClient } from '@aws-sdk/client-rds';
import { GetBucketVersioningCommand, type S3Client } from '@aws-sdk/client-s3';
import { checkBucketReachable } from '../../shared/dr/bucket-check.ts';
import { InvalidInputError } from '../../shared/errors/errors.ts';
import type { PointInTimeRestoreSettings } from '../config.ts';
import { EXECUTION_TAG } from '../tags.ts';
import type { RestoreInput } from './input.ts';

export interface DatabasePlan {
  region: string;
  sourceClusterId: string;
  targetClusterId: string;
  instanceId: string;
  /** ISO time, or 'latest' (UseLatestRestorableTime). */
  restoreTime: string;
  window: { earliest: string; latest: string };
  subnetGroup?: string;
  securityGroupIds: string[];
  instanceClass: string;
  /** The target exists already, created by this execution (a retry): it is taken up, not created again. */
  resumed: boolean;
}

export interface ObjectsPlan {
  region: string;
  bucket: string;
  prefix: string;
  restoreTime: string;
  deleteNewer: boolean;
}

export interface PlanContext {
  rds: RDSClient;
  s3: S3Client;
  settings: PointInTimeRestoreSettings;
  executionName: string;
  startedAt: Date;
}

const stamp = (at: Date) => at.toISOString().slice(0, 16).replace(/[-:T]/g, '');

/** The cluster, or undefined when RDS answers DBClusterNotFoundFault. */
async function clusterNamed(rds: RDSClient, id: string) {
  try {
    return (await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: id }))).DBClusters?.[0];
  } catch (error) {
    if ((error as Error).name === 'DBClusterNotFoundFault') return undefined;
    throw error;
  }
}

/** DescribeDBClusters (source, target), DescribeDBInstances (the source's writer). @throws InvalidInputError. */
export async function planDatabase(
  input: RestoreInput & { sourceClusterId: string },
  region: string,
  restoreTime: string,
  ctx: PlanContext,
): Promise<DatabasePlan> {
  const source = await clusterNamed(ctx.rds, input.sourceClusterId);
  if (!source)
    throw new InvalidInputError(`input.sourceClusterId: no Aurora cluster ${input.sourceClusterId} in ${region}`);
  const earliest = source.EarliestRestorableTime?.toISOString();
  const latest = source.LatestRestorableTime?.toISOString();
  if (!earliest || !latest) {
    throw new InvalidInputError(
      `input.sourceClusterId: ${input.sourceClusterId} has no restorable window now (status ${source.Status})`,
    );
  }
  if (restoreTime !== 'latest' && (restoreTime < earliest || restoreTime > latest)) {
    throw new InvalidInputError(
      `input.restoreTime: ${restoreTime} is outside the restorable window of ${input.sourceClusterId} (${earliest} to ${latest})`,
    );
  }
  const targetClusterId = (
    input.targetClusterId ?? `${input.sourceClusterId.slice(0, 45)}-pitr-${stamp(ctx.startedAt)}`
  ).toLowerCase();
  const existing = await clusterNamed(ctx.rds, targetClusterId);
  const ours = existing?.TagList?.some((tag) => tag.Key === EXECUTION_TAG && tag.Value === ctx.executionName);
  if (existing && !ours) {
    throw new InvalidInputError(
      `input.targetClusterId: ${targetClusterId} exists already: name a new cluster (a restore never overwrites one)`,
    );
  }
  const writer = source.DBClusterMembers?.find((m) => m.IsClusterWriter) ?? source.DBClusterMembers?.[0];
  let instanceClass = input.instanceClass ?? ctx.settings.instanceClass;
  if (!instanceClass && writer?.DBInstanceIdentifier) {
    const { DBInstances = [] } = await ctx.rds.send(
      new DescribeDBInstancesCommand({ DBInstanceIdentifier: writer.DBInstanceIdentifier }),
    );
    instanceClass = DBInstances[0]?.DBInstanceClass;
  }
  if (!instanceClass) {
    throw new InvalidInputError(
      `input.instanceClass: ${input.sourceClusterId} has no instance to copy the class from: name one`,
    );
  }
  return {
    region,
    sourceClusterId: input.sourceClusterId.toLowerCase(),
    targetClusterId,
    instanceId: `${targetClusterId.slice(0, 61)}-1`,
    restoreTime,
    window: { earliest, latest },
    subnetGroup: input.dbSubnetGroupName ?? source.DBSubnetGroup,
    securityGroupIds:
      input.vpcSecurityGroupIds ??
      (source.VpcSecurityGroups ?? []).map((group) => group.VpcSecurityGroupId!).filter(Boolean),
    instanceClass,
    resumed: Boolean(existing),
  };
}

/** HeadBucket, GetBucketVersioning. @throws InvalidInputError for a bucket it may not or cannot restore. */
export async function planObjects(
  input: RestoreInput & { bucket: string },
  region: string,
  restoreTime: string,
  ctx: PlanContext,
): Promise<ObjectsPlan> {
  if (!ctx.settings.buckets.includes(input.bucket)) {
    throw new InvalidInputError(
      `input.bucket: ${input.bucket} is not one point-in-time-restore may restore (configured: ${ctx.settings.buckets.join(', ')})`,
    );
  }
  const reach = await checkBucketReachable(ctx.s3, input.bucket);
  if (!reach.reachable) {
    const hint = reach.problem?.includes('301') ? ': it is in another region, give it as input.region' : '';
    throw new InvalidInputError(
      `input.bucket: ${input.bucket} is not reachable from ${region} (${reach.problem})${hint}`,
    );
  }
  const { Status } = await ctx.s3.send(new GetBucketVersioningCommand({ Bucket: input.bucket }));
  if (Status !== 'Enabled' && Status !== 'Suspended') {
    throw new InvalidInputError(
      `input.bucket: ${input.bucket} is not versioned: there are no earlier versions to restore`,
    );
  }
  return { region, bucket: input.bucket, prefix: input.prefix, restoreTime, deleteNewer: input.deleteNewerObjects };
}
