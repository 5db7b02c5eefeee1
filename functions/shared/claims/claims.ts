// Claims: one S3 object created with a conditional write (If-None-Match: *), the atomic guard that makes
// EventBridge's at-least-once delivery, GuardDuty's repeated findings and concurrent runs produce one action and one
// message, where reading first would race. Keys live under the reports bucket (cases/ stay; work/ expires).
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { TransientAwsError } from '../errors/errors.ts';

/** S3's answer when If-None-Match: * meets an existing key (PreconditionFailed, HTTP 412). */
export const isPreconditionFailed = (error: unknown) =>
  (error as Error).name === 'PreconditionFailed' ||
  (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412;

/**
 * Creates s3://bucket/key holding `content` (JSON) only if the key is free: true when this call created it, false
 * when it already existed. @throws TransientAwsError when S3 reports a concurrent conditional write (retry).
 */
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

/**
 * True when this execution holds the claim on `key`: it created it now, or on an earlier attempt (a Lambda or
 * state machine retry of the same execution may go on); false when another execution holds it.
 */
export async function claimFor(
  s3: S3Client,
  bucket: string,
  key: string,
  claim: { executionId: string } & Record<string, unknown>,
): Promise<boolean> {
  if (await putOnce(s3, bucket, key, claim)) return true;
  const existing = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const holder = JSON.parse((await existing.Body?.transformToString()) ?? '{}') as { executionId?: string };
  return holder.executionId === claim.executionId;
}

/** Whether s3://bucket/key exists (HeadObject; NotFound and NoSuchKey mean no). */
export async function exists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    if (['NotFound', 'NoSuchKey'].includes((error as Error).name)) return false;
    throw error;
  }
}

// In a module of its own so that key arithmetic brings no S3 command into a function's bundle or role.
export { keyPart } from './key-part.ts';
