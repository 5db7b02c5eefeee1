// Locks on what playbooks change (a load balancer rule, an Auto Scaling group, the stage's alarms, a region pair):
// two executions that would change the same target never run at once. One object per target in the reports
// bucket, `locks/<target>.json`, created with a conditional write; a lock left by a run that died (aborted, timed
// out) expires and is taken over with If-Match on its ETag, so of two runs taking over at once only one succeeds.
// Every playbook that changes a shared target uses these functions: traffic-shift, maintenance-window,
// scale-capacity, regional-failover.
import { DeleteObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { TransientAwsError } from '../errors/errors.ts';
import { isPreconditionFailed, keyPart, putOnce } from './claims.ts';
import { readJson, readVersioned } from './read.ts';

export const LOCKS_PREFIX = 'locks/';

/** Who holds a lock and until when (ISO times). */
export interface Lock {
  /** What is locked, e.g. `alb-rule:<rule arn>`, `asg:idp-api-gateway-asg`, `alarms:prod`, `failover:prod`. */
  target: string;
  playbook: string;
  executionId: string;
  /** The execution's name: what a refusal names so a human can find (or stop) it. */
  executionName: string;
  acquiredAt: string;
  expiresAt: string;
}

export type LockResult = { acquired: true; lock: Lock } | { acquired: false; holder: Lock };

export const lockKey = (target: string) => `${LOCKS_PREFIX}${keyPart(target)}.json`;

async function overwrite(s3: S3Client, bucket: string, lock: Lock, etag: string): Promise<void> {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: lockKey(lock.target),
        Body: `${JSON.stringify(lock, null, 2)}\n`,
        ContentType: 'application/json',
        ServerSideEncryption: 'AES256',
        IfMatch: etag,
      }),
    );
  } catch (error) {
    if (isPreconditionFailed(error)) throw new TransientAwsError(`lock on ${lock.target} changed while taking it over`);
    throw error;
  }
}

/**
 * Takes the lock on `target` for `ttlSeconds` (how long the holder may run at most: its state machine's timeout).
 * Held by this execution already (a retry): acquired. Held by another, unexpired: not acquired, with the holder.
 * Expired: taken over. @throws TransientAwsError when the lock changed under a concurrent take-over (retry).
 */
export async function acquireLock(
  s3: S3Client,
  bucket: string,
  request: Omit<Lock, 'acquiredAt' | 'expiresAt'> & { ttlSeconds: number; now: Date },
): Promise<LockResult> {
  const { ttlSeconds, now, ...who } = request;
  const lock: Lock = {
    ...who,
    acquiredAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
  };
  if (await putOnce(s3, bucket, lockKey(lock.target), lock)) return { acquired: true, lock };
  const held = await readVersioned<Lock>(s3, bucket, lockKey(lock.target));
  if (!held) throw new TransientAwsError(`lock on ${lock.target} was released while reading it, retry`);
  if (held.value.executionId === lock.executionId) return { acquired: true, lock: held.value };
  if (Date.parse(held.value.expiresAt) > now.getTime()) return { acquired: false, holder: held.value };
  await overwrite(s3, bucket, lock, held.etag);
  return { acquired: true, lock };
}

/** Lets go of the lock if this execution holds it; true when it did. */
export async function releaseLock(s3: S3Client, bucket: string, target: string, executionId: string): Promise<boolean> {
  const held = await readJson<Lock>(s3, bucket, lockKey(target));
  if (!held || held.executionId !== executionId) return false;
  await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: lockKey(target) }));
  return true;
}

/** The unexpired locks, optionally only those of some playbooks (e.g. "is a traffic shift or failover running?"). */
export async function activeLocks(
  s3: S3Client,
  bucket: string,
  options: { now: Date; playbooks?: string[] },
): Promise<Lock[]> {
  const found: Lock[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: LOCKS_PREFIX, ContinuationToken }));
    for (const object of page.Contents ?? []) {
      const lock = await readJson<Lock>(s3, bucket, object.Key!);
      if (!lock || Date.parse(lock.expiresAt) <= options.now.getTime()) continue;
      if (!options.playbooks || options.playbooks.includes(lock.playbook)) found.push(lock);
    }
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken);
  return found;
}

/** The refusal a second run gives: names the target and the running execution. */
export function lockedMessage(holder: Lock): string {
  return `${holder.target} is being changed by ${holder.playbook} execution ${holder.executionName} (since ${holder.acquiredAt}, lock expires ${holder.expiresAt}): stop that execution or wait for it to end`;
}
