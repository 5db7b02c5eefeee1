// Case objects written with S3 conditional writes (If-None-Match: *): the atomic guard that makes EventBridge
// redeliveries and concurrent findings on one instance produce one containment, one snapshot set and one message,
// where reading tags first would race.
import type { S3Client } from '@aws-sdk/client-s3';
import { putOnce } from '../claims/claims.ts';
import type { Recorder } from './steps.ts';

export interface CaseBucket {
  s3: S3Client;
  name: string;
  homeRegion: string;
}

/** True the first time for this key: one message per case and kind, however often the finding repeats. */
export async function firstTime(
  bucket: CaseBucket,
  key: string,
  content: unknown,
  recorder: Recorder,
): Promise<boolean> {
  const created = await putOnce(bucket.s3, bucket.name, key, content);
  recorder.note({
    action: 's3:PutObject',
    resource: `s3://${bucket.name}/${key}`,
    region: bucket.homeRegion,
    outcome: created ? 'done' : 'already-done',
    detail: { purpose: 'case record (conditional write)' },
  });
  return created;
}
