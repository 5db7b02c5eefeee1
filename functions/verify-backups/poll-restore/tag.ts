// Marks a restored copy with the run's tags as soon as it exists, so a cleanup that cannot run now leaves it
// findable by the next run's sweep: CreateTags, AddTagsToResource or PutBucketTagging.
import { CreateTagsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { AddTagsToResourceCommand, type RDSClient } from '@aws-sdk/client-rds';
import { PutBucketTaggingCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Recorder } from '../../shared/instance/steps.ts';
import type { Restored } from '../restored.ts';

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
