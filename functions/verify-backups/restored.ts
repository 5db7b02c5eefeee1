// The resource a restore job created, from its ARN (DescribeRestoreJob's CreatedResourceArn): an EBS volume, an EC2
// instance, an Aurora cluster, an RDS instance or an S3 bucket; and marking it with the run's tags as soon as it
// exists, so a cleanup that cannot run now leaves it findable by the next run's sweep.
import { CreateTagsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { AddTagsToResourceCommand, type RDSClient } from '@aws-sdk/client-rds';
import { PutBucketTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Recorder } from '../shared/instance/steps.ts';

export type RestoredKind = 'volume' | 'instance' | 'cluster' | 'db' | 'bucket';

export interface Restored {
  kind: RestoredKind;
  /** Volume or instance id, cluster or DB identifier, bucket name. */
  id: string;
  arn: string;
  region: string;
}

/** The resource an ARN names; undefined for an ARN of a kind a restore test never creates. */
export function restoredOf(arn: string, region: string): Restored | undefined {
  const ec2 = /^arn:aws[\w-]*:ec2:[^:]*:\d*:(volume|instance)\/(.+)$/.exec(arn);
  if (ec2) return { kind: ec2[1] as 'volume' | 'instance', id: ec2[2], arn, region };
  const rds = /^arn:aws[\w-]*:rds:[^:]*:\d*:(cluster|db):(.+)$/.exec(arn);
  if (rds) return { kind: rds[1] as 'cluster' | 'db', id: rds[2], arn, region };
  const s3 = /^arn:aws[\w-]*:s3:::([^/]+)$/.exec(arn);
  if (s3) return { kind: 'bucket', id: s3[1], arn, region };
  return undefined;
}

export interface TagClients {
  ec2: EC2Client;
  rds: RDSClient;
  s3: S3Client;
}

/** CreateTags, AddTagsToResource or PutBucketTagging with the run's tags. */
export async function tagRestored(
  clients: TagClients,
  restored: Restored,
  tags: { Key: string; Value: string }[],
  recorder: Recorder,
): Promise<void> {
  const planned = {
    action: '',
    resource: restored.arn,
    region: restored.region,
    detail: { tags: Object.fromEntries(tags.map((t) => [t.Key, t.Value])) },
  };
  switch (restored.kind) {
    case 'volume':
    case 'instance':
      await recorder.act({ ...planned, action: 'ec2:CreateTags' }, () =>
        clients.ec2.send(new CreateTagsCommand({ Resources: [restored.id], Tags: tags })),
      );
      return;
    case 'cluster':
    case 'db':
      await recorder.act({ ...planned, action: 'rds:AddTagsToResource' }, () =>
        clients.rds.send(new AddTagsToResourceCommand({ ResourceName: restored.arn, Tags: tags })),
      );
      return;
    case 'bucket':
      await recorder.act({ ...planned, action: 's3:PutBucketTagging' }, () =>
        clients.s3.send(new PutBucketTaggingCommand({ Bucket: restored.id, Tagging: { TagSet: tags } })),
      );
      return;
  }
}
