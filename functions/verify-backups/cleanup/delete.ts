// Deletes one test copy, also when the test failed half-way: only a resource proven to be one (created by a
// restore job of a verify-backups run, or carrying its tags) and never one under a hold (the hold rule of
// functions/shared/holds). Gone already counts as done; an AWS refusal is recorded as failed, never as deleted.
import {
  DeleteVolumeCommand,
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  type EC2Client,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import {
  DeleteDBClusterCommand,
  DeleteDBInstanceCommand,
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  type RDSClient,
} from '@aws-sdk/client-rds';
import {
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetBucketTaggingCommand,
  ListObjectVersionsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { holdProtection } from '../../shared/holds/holds.ts';
import type { Recorder } from '../../shared/instance/steps.ts';
import type { Restored } from '../restored.ts';
import { isTestCopy } from '../tags.ts';

export interface DeleteClients {
  ec2: EC2Client;
  rds: RDSClient;
  s3: S3Client;
}

export interface Deletion {
  resource: string;
  outcome: 'deleted' | 'deleting' | 'gone' | 'held' | 'not-ours' | 'failed' | 'dry-run';
  detail?: string;
}

type Tags = { Key?: string; Value?: string }[] | undefined;
/** How we know it is a test copy: the restore job of a run created it, it carries a run's tags, or its name has
 *  the prefix only restore tests give (and the roles may delete only such names). */
export type Proof = 'restore-job' | 'tags' | 'name';

const NOT_FOUND = new Set([
  'InvalidVolume.NotFound',
  'InvalidInstanceID.NotFound',
  'DBClusterNotFoundFault',
  'DBInstanceNotFoundFault',
  'NoSuchBucket',
]);

/** The tags and state of the resource, or undefined when it is gone. */
async function look(
  clients: DeleteClients,
  restored: Restored,
): Promise<{ tags: Tags; state?: string; members?: string[] } | undefined> {
  try {
    switch (restored.kind) {
      case 'volume': {
        const { Volumes = [] } = await clients.ec2.send(new DescribeVolumesCommand({ VolumeIds: [restored.id] }));
        return Volumes[0] && { tags: Volumes[0].Tags, state: Volumes[0].State };
      }
      case 'instance': {
        const { Reservations = [] } = await clients.ec2.send(
          new DescribeInstancesCommand({ InstanceIds: [restored.id] }),
        );
        const found = Reservations[0]?.Instances?.[0];
        return found && found.State?.Name !== 'terminated' ? { tags: found.Tags, state: found.State?.Name } : undefined;
      }
      case 'cluster': {
        const { DBClusters = [] } = await clients.rds.send(
          new DescribeDBClustersCommand({ DBClusterIdentifier: restored.id }),
        );
        const found = DBClusters[0];
        return (
          found && {
            tags: found.TagList,
            state: found.Status,
            members: (found.DBClusterMembers ?? []).map((m) => m.DBInstanceIdentifier!),
          }
        );
      }
      case 'db': {
        const { DBInstances = [] } = await clients.rds.send(
          new DescribeDBInstancesCommand({ DBInstanceIdentifier: restored.id }),
        );
        return DBInstances[0] && { tags: DBInstances[0].TagList, state: DBInstances[0].DBInstanceStatus };
      }
      case 'bucket':
        try {
          const { TagSet } = await clients.s3.send(new GetBucketTaggingCommand({ Bucket: restored.id }));
          return { tags: TagSet };
        } catch (error) {
          if ((error as Error).name === 'NoSuchTagSet') return { tags: [] };
          throw error;
        }
    }
  } catch (error) {
    if (NOT_FOUND.has((error as Error).name)) return undefined;
    throw error;
  }
}

/** Every object version of the bucket deleted (ListObjectVersions, DeleteObjects by 1000), then the bucket. */
async function emptyAndDeleteBucket(s3: S3Client, bucket: string): Promise<void> {
  let KeyMarker: string | undefined;
  let VersionIdMarker: string | undefined;
  do {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, KeyMarker, VersionIdMarker }));
    const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((v) => ({
      Key: v.Key!,
      VersionId: v.VersionId,
    }));
    if (objects.length)
      await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }));
    KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    VersionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (KeyMarker);
  await s3.send(new DeleteBucketCommand({ Bucket: bucket }));
}

async function destroy(clients: DeleteClients, restored: Restored, members: string[]): Promise<void> {
  switch (restored.kind) {
    case 'volume':
      await clients.ec2.send(new DeleteVolumeCommand({ VolumeId: restored.id }));
      return;
    case 'instance':
      await clients.ec2.send(new TerminateInstancesCommand({ InstanceIds: [restored.id] }));
      return;
    case 'cluster':
      // Aurora deletes a cluster only once its instances are being deleted.
      for (const member of members) {
        try {
          await clients.rds.send(new DeleteDBInstanceCommand({ DBInstanceIdentifier: member }));
        } catch (error) {
          if (!['DBInstanceNotFoundFault', 'InvalidDBInstanceStateFault'].includes((error as Error).name)) throw error;
        }
      }
      await clients.rds.send(new DeleteDBClusterCommand({ DBClusterIdentifier: restored.id, SkipFinalSnapshot: true }));
      return;
    case 'db':
      await clients.rds.send(
        new DeleteDBInstanceCommand({
          DBInstanceIdentifier: restored.id,
          SkipFinalSnapshot: true,
          DeleteAutomatedBackups: true,
        }),
      );
      return;
    case 'bucket':
      await emptyAndDeleteBucket(clients.s3, restored.id);
      return;
  }
}

/** Deletes the test copy if it may; how it went. */
export async function deleteTestCopy(
  clients: DeleteClients,
  restored: Restored,
  proof: Proof,
  recorder: Recorder,
): Promise<Deletion> {
  const resource = restored.arn;
  const found = await look(clients, restored);
  if (!found) return { resource, outcome: 'gone' };
  if (found.state === 'deleting' || found.state === 'shutting-down') return { resource, outcome: 'deleting' };
  const hold = holdProtection(found.tags as { Key?: string; Value?: string }[]);
  if (hold) {
    recorder.note({
      action: 'autopilot:KeepTestCopy',
      resource,
      region: restored.region,
      outcome: 'skipped',
      detail: { why: hold.detail },
    });
    return { resource, outcome: 'held', detail: hold.detail };
  }
  if (proof === 'tags' && !isTestCopy(found.tags))
    return { resource, outcome: 'not-ours', detail: 'carries no verify-backups tags' };
  const action = {
    volume: 'ec2:DeleteVolume',
    instance: 'ec2:TerminateInstances',
    cluster: 'rds:DeleteDBCluster',
    db: 'rds:DeleteDBInstance',
    bucket: 's3:DeleteBucket',
  }[restored.kind];
  try {
    await recorder.act({ action, resource, region: restored.region, detail: { proof } }, () =>
      destroy(clients, restored, found.members ?? []),
    );
  } catch (error) {
    return {
      resource,
      outcome: 'failed',
      detail: `${(error as Error).name}: ${(error as Error).message}`.slice(0, 300),
    };
  }
  return { resource, outcome: recorder.dryRun ? 'dry-run' : 'deleted' };
}
