// Letting go of an instance's claim: a run that failed or was rejected (so a later finding or a re-run can act),
// and release-instance when it closes the case.
import { DeleteObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { readJson } from '../claims/read.ts';
import { type CaseInfo, keys } from './case.ts';
import type { Claim } from './claims.ts';
import type { CaseBucket } from './s3-write.ts';
import type { Recorder } from './steps.ts';

/** Removes the claim if `owns` says it is ours; returns the claim removed. */
export async function releaseClaim(
  s3: S3Client,
  bucket: string,
  region: string,
  instanceId: string,
  owns: (holder: Claim) => boolean,
  memberAccountId?: string,
): Promise<Claim | undefined> {
  const key = keys.claim(region, instanceId, memberAccountId);
  const holder = await readJson<Claim>(s3, bucket, key);
  if (!holder || !owns(holder)) return undefined;
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  return holder;
}

/** Lets go of the claim if `owns` says it is ours, recording it. */
export async function letGo(
  bucket: CaseBucket,
  theCase: CaseInfo,
  owns: (holder: Claim) => boolean,
  recorder: Recorder,
): Promise<void> {
  if (recorder.dryRun) return;
  const released = await releaseClaim(
    bucket.s3,
    bucket.name,
    theCase.region,
    theCase.instanceId,
    owns,
    theCase.accountId,
  );
  if (released) {
    recorder.note({
      action: 's3:DeleteObject',
      resource: `s3://${bucket.name}/${keys.claim(theCase.region, theCase.instanceId, theCase.accountId)}`,
      region: bucket.homeRegion,
      outcome: 'done',
      detail: { caseId: released.caseId, purpose: 'release the claim on the instance' },
    });
  }
}
