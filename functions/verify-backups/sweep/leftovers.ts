// The sweep: test copies earlier runs left behind (a run that died before its cleanup, a cleanup AWS refused, a
// restore job that finished after its run ended) are found and deleted, with the cleanup's rules (proof of
// ownership, the hold rule). Found by the runs' tags, by the name prefix of restored databases and buckets, and by
// the restore jobs earlier runs recorded as still running. Only copies older than sweepAfterHours: a run still going
// keeps its own.
import { BackupClient, DescribeRestoreJobCommand } from '@aws-sdk/client-backup';
import { DescribeInstancesCommand, DescribeVolumesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, type RDSClient } from '@aws-sdk/client-rds';
import { ListBucketsCommand, type S3Client } from '@aws-sdk/client-s3';
import { awsClient } from '../../shared/aws/clients.ts';
import type { Proof } from '../cleanup/delete.ts';
import type { RunHistory } from '../history.ts';
import type { Restored } from '../restored.ts';
import { restoredOf } from '../restored.ts';
import { CREATED_BY_TAG, NAME_PREFIX, PLAYBOOK, startedOf, TEST_TAG } from '../tags.ts';

export interface Leftover {
  restored: Restored;
  proof: Proof;
  /** Which run left it (its execution name), or how it was found. */
  from: string;
}

type Tags = { Key?: string; Value?: string }[] | undefined;

interface SweepContext {
  region: string;
  accountId: string;
  executionName: string;
  cutoff: Date;
}

/** Tagged by another run that started before the cutoff (untagged: created before it). */
function stale(tags: Tags, createdAt: Date | undefined, ctx: SweepContext): boolean {
  const run = tags?.find((t) => t.Key === TEST_TAG)?.Value;
  if (run === ctx.executionName) return false;
  const started = startedOf(tags);
  const when = started ? new Date(started) : createdAt;
  return when !== undefined && when.getTime() < ctx.cutoff.getTime();
}

const arnOf = (ctx: SweepContext, path: string, service = 'ec2') =>
  `arn:aws:${service}:${ctx.region}:${ctx.accountId}:${path}`;
const tagFilter = [{ Name: `tag:${CREATED_BY_TAG}`, Values: [PLAYBOOK] }];

async function ec2Leftovers(ec2: EC2Client, ctx: SweepContext): Promise<Leftover[]> {
  const found: Leftover[] = [];
  let NextToken: string | undefined;
  do {
    const page = await ec2.send(new DescribeVolumesCommand({ Filters: tagFilter, NextToken }));
    for (const v of page.Volumes ?? []) {
      if (stale(v.Tags, v.CreateTime, ctx)) {
        found.push({
          restored: restoredOf(arnOf(ctx, `volume/${v.VolumeId}`), ctx.region)!,
          proof: 'tags',
          from: String(v.Tags?.find((t) => t.Key === TEST_TAG)?.Value),
        });
      }
    }
    NextToken = page.NextToken;
  } while (NextToken);
  do {
    const page = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [...tagFilter, { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] }],
        NextToken,
      }),
    );
    for (const i of (page.Reservations ?? []).flatMap((r) => r.Instances ?? [])) {
      if (stale(i.Tags, i.LaunchTime, ctx)) {
        found.push({
          restored: restoredOf(arnOf(ctx, `instance/${i.InstanceId}`), ctx.region)!,
          proof: 'tags',
          from: String(i.Tags?.find((t) => t.Key === TEST_TAG)?.Value),
        });
      }
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return found;
}

async function rdsLeftovers(rds: RDSClient, ctx: SweepContext): Promise<Leftover[]> {
  const found: Leftover[] = [];
  let Marker: string | undefined;
  do {
    const page = await rds.send(new DescribeDBClustersCommand({ Marker }));
    for (const c of page.DBClusters ?? []) {
      const id = c.DBClusterIdentifier ?? '';
      if (id.startsWith(NAME_PREFIX) && c.Status !== 'deleting' && stale(c.TagList, c.ClusterCreateTime, ctx)) {
        found.push({ restored: restoredOf(c.DBClusterArn!, ctx.region)!, proof: 'name', from: `name ${id}` });
      }
    }
    Marker = page.Marker;
  } while (Marker);
  do {
    const page = await rds.send(new DescribeDBInstancesCommand({ Marker }));
    for (const i of page.DBInstances ?? []) {
      const id = i.DBInstanceIdentifier ?? '';
      // Cluster members go with their cluster.
      if (
        id.startsWith(NAME_PREFIX) &&
        !i.DBClusterIdentifier &&
        i.DBInstanceStatus !== 'deleting' &&
        stale(i.TagList, i.InstanceCreateTime, ctx)
      ) {
        found.push({ restored: restoredOf(i.DBInstanceArn!, ctx.region)!, proof: 'name', from: `name ${id}` });
      }
    }
    Marker = page.Marker;
  } while (Marker);
  return found;
}

async function bucketLeftovers(s3: S3Client, ctx: SweepContext): Promise<Leftover[]> {
  const found: Leftover[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(
      new ListBucketsCommand({ Prefix: NAME_PREFIX, BucketRegion: ctx.region, ContinuationToken }),
    );
    for (const b of page.Buckets ?? []) {
      if (b.CreationDate && b.CreationDate.getTime() < ctx.cutoff.getTime()) {
        found.push({
          restored: restoredOf(`arn:aws:s3:::${b.Name}`, ctx.region)!,
          proof: 'name',
          from: `name ${b.Name}`,
        });
      }
    }
    ContinuationToken = page.ContinuationToken;
  } while (ContinuationToken);
  return found;
}

/** What restore jobs earlier runs left running have created since (DescribeRestoreJob). */
async function jobLeftovers(runs: RunHistory[], ctx: SweepContext): Promise<Leftover[]> {
  const found: Leftover[] = [];
  const backup = awsClient(BackupClient, ctx.region);
  for (const run of runs) {
    for (const job of run.pendingJobs.filter((j) => j.region === ctx.region)) {
      try {
        const described = await backup.send(new DescribeRestoreJobCommand({ RestoreJobId: job.restoreJobId }));
        const restored = described.CreatedResourceArn
          ? restoredOf(described.CreatedResourceArn, ctx.region)
          : undefined;
        if (restored)
          found.push({
            restored,
            proof: 'restore-job',
            from: `restore job ${job.restoreJobId} of ${run.executionName}`,
          });
      } catch (error) {
        if ((error as Error).name !== 'ResourceNotFoundException') throw error;
      }
    }
  }
  return found;
}

/** Every leftover of the region, each resource once. */
export async function findLeftovers(
  clients: { ec2: EC2Client; rds: RDSClient; s3: S3Client },
  runs: RunHistory[],
  ctx: SweepContext,
): Promise<Leftover[]> {
  const all = [
    ...(await jobLeftovers(runs, ctx)),
    ...(await ec2Leftovers(clients.ec2, ctx)),
    ...(await rdsLeftovers(clients.rds, ctx)),
    ...(await bucketLeftovers(clients.s3, ctx)),
  ];
  const seen = new Set<string>();
  return all.filter((leftover) => !seen.has(leftover.restored.arn) && seen.add(leftover.restored.arn));
}
