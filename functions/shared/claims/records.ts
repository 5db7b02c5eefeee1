// Run records: what an execution of a playbook that holds a change (a traffic shift, a maintenance window, a scaling)
// has changed and how to undo it, one JSON object per execution in the reports bucket under
// `work/<playbook>/runs/<execution name>.json`. The execution writes it as it goes; its report reads it, and so does
// the restore that follows a stopped execution (functions/shared/playbook/stopped.ts), which claims the record first
// so that the rule's restore and `autopilot abort`'s never both act.
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { claimFor, keyPart } from './claims.ts';
import { readJson } from './read.ts';

/** The key of an execution's run record. */
export const runRecordKey = (playbook: string, executionName: string) =>
  `work/${playbook}/runs/${keyPart(executionName)}.json`;

/** Writes (replaces) the run record. */
export async function writeRunRecord(s3: S3Client, bucket: string, key: string, record: unknown): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: `${JSON.stringify(record, null, 2)}\n`,
      ContentType: 'application/json',
      ServerSideEncryption: 'AES256',
    }),
  );
}

/** The run record, or undefined when the execution never wrote one. */
export function readRunRecord<T>(s3: S3Client, bucket: string, key: string): Promise<T | undefined> {
  return readJson<T>(s3, bucket, key);
}

/**
 * True when this execution may restore what the stopped execution of `recordKey` changed: it claimed the restore
 * now or on an earlier attempt; false when another restore run holds it.
 */
export function claimRestore(
  s3: S3Client,
  bucket: string,
  recordKey: string,
  claim: { executionId: string; at: string },
): Promise<boolean> {
  return claimFor(s3, bucket, recordKey.replace(/\.json$/, '.restore.json'), claim);
}
