// The claim: one object per instance while a case holds it, created with a conditional write, so two runs for the
// same instance (a redelivered event, a second finding arriving at once) cannot both contain it.
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isPreconditionFailed, putOnce } from '../claims/claims.ts';
import { readVersioned } from '../claims/read.ts';
import { TransientAwsError } from '../errors/errors.ts';
import { keys } from './case.ts';

export interface Claim {
  caseId: string;
  executionId: string;
  findingId?: string;
  claimedAt: string;
}

export type ClaimResult = { owned: true } | { owned: false; holder: Claim; etag: string };

/** Claims the instance for this case and execution; a claim this execution already holds counts as owned. */
export async function claimInstance(
  s3: S3Client,
  bucket: string,
  region: string,
  instanceId: string,
  claim: Claim,
  memberAccountId?: string,
): Promise<ClaimResult> {
  const key = keys.claim(region, instanceId, memberAccountId);
  if (await putOnce(s3, bucket, key, claim)) return { owned: true };
  const held = await readVersioned<Claim>(s3, bucket, key);
  // Released between our write and our read: the next attempt of this step will get it.
  if (!held) throw new TransientAwsError(`claim on ${instanceId} changed while reading it, retry`);
  if (held.value.executionId === claim.executionId) return { owned: true };
  return { owned: false, holder: held.value, etag: held.etag };
}

/**
 * Takes over a claim whose run died without letting go (an execution aborted or timed out never reaches its
 * failure step). Conditional on the ETag read, so of two runs taking over at once only one succeeds.
 */
export async function takeOverClaim(
  s3: S3Client,
  bucket: string,
  region: string,
  instanceId: string,
  claim: Claim,
  etag: string,
  memberAccountId?: string,
): Promise<void> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: keys.claim(region, instanceId, memberAccountId),
        Body: `${JSON.stringify(claim, null, 2)}\n`,
        ContentType: 'application/json',
        ServerSideEncryption: 'AES256',
        IfMatch: etag,
      }),
    );
  } catch (error) {
    if (isPreconditionFailed(error))
      throw new TransientAwsError(`claim on ${instanceId} changed while taking it over, retry`);
    throw error;
  }
}
