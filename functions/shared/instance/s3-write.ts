// Case objects written with S3 conditional writes (If-None-Match: *): the atomic guard that makes EventBridge
// redeliveries and concurrent findings on one instance produce one containment, one snapshot set and one message,
// where reading tags first would race.
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { TransientAwsError } from '../errors/errors.ts';
import type { Recorder } from './steps.ts';

export const isPreconditionFailed = (error: unknown) =>
  (error as Error).name === 'PreconditionFailed' ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412;

/** Creates the object only if the key is free; false when it already exists. */
export async function putOnce(s3: S3Client, bucket: string, key: string, content: unknown): Promise<boolean> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: `${JSON.stringify(content, null, 2)}\n`,
        ContentType: 'application/json',
        ServerSideEncryption: 'AES256',
        IfNoneMatch: '*',
      }),
    );
    return true;
  } catch (error) {
    if (isPreconditionFailed(error)) return false;
    // Two conditional writes of one key at the same moment: S3 asks the loser to retry.
    if ((error as Error).name === 'ConditionalRequestConflict') {
      throw new TransientAwsError(`concurrent write of s3://${bucket}/${key}, retry`);
    }
    throw error;
  }
}

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
