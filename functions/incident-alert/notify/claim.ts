// One notice per alarm event, however often EventBridge delivers it: the first execution to create
// work/incident-alert/<event id>.json (S3 conditional write, If-None-Match: *) sends; a redelivery finds the claim
// and sends nothing. A Lambda retry of the execution that holds the claim may go on.
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { TransientAwsError } from '../../shared/errors/errors.ts';

export const claimKey = (eventId: string) => `work/incident-alert/${eventId.replace(/[^\w.-]/g, '_')}.json`;

const isPreconditionFailed = (error: unknown) =>
  (error as Error).name === 'PreconditionFailed' ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412;

export interface Claim {
  eventId: string;
  executionId: string;
  alarmName: string;
  state: string;
}

/** True when this execution holds the claim for the event (it created it now, or on an earlier attempt). */
export async function claimEvent(s3: S3Client, bucket: string, claim: Claim): Promise<boolean> {
  const Key = claimKey(claim.eventId);
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key,
        Body: `${JSON.stringify(claim, null, 2)}\n`,
        ContentType: 'application/json',
        ServerSideEncryption: 'AES256',
        IfNoneMatch: '*',
      }),
    );
    return true;
  } catch (error) {
    if ((error as Error).name === 'ConditionalRequestConflict') {
      throw new TransientAwsError(`concurrent claim of s3://${bucket}/${Key}, retry`);
    }
    if (!isPreconditionFailed(error)) throw error;
  }
  const existing = await s3.send(new GetObjectCommand({ Bucket: bucket, Key }));
  const holder = JSON.parse((await existing.Body?.transformToString()) ?? '{}') as Partial<Claim>;
  return holder.executionId === claim.executionId;
}
