// Fan-out of a scheduled playbook over account x region: the targets and each target's result travel through the
// reports bucket (work/<playbook>/<execution>/), never through the state machine, so 1,000 accounts x 17 regions
// fit: the Distributed Map reads the targets with its ItemReader, each child writes its own result, the report step
// reads them back (results.ts). One target's failure is its own result (the run goes on).
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { keyPart } from '../claims/key-part.ts';

/** One item of a fan-out: an account and a region of it. */
export interface Target {
  accountId: string;
  accountName: string;
  region: string;
}

/** A target's result as the report step reads it: what the step returned, or how it failed. */
export type TargetResult<T> = Target &
  ({ ok: true; result: T } | { ok: false; error: { Error: string; Cause?: string } });

const workPrefix = (playbook: string, executionName: string) => `work/${playbook}/${keyPart(executionName)}/`;

export const targetsKey = (playbook: string, executionName: string) =>
  `${workPrefix(playbook, executionName)}targets.json`;

export const resultsPrefix = (playbook: string, executionName: string) =>
  `${workPrefix(playbook, executionName)}results/`;

export const resultKey = (playbook: string, executionName: string, target: Target) =>
  `${resultsPrefix(playbook, executionName)}${target.accountId}/${target.region}.json`;

/** Writes a JSON object to the reports bucket (SSE-S3). */
export async function putJson(s3: S3Client, bucket: string, key: string, value: unknown): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: JSON.stringify(value),
      ContentType: 'application/json',
      ServerSideEncryption: 'AES256',
    }),
  );
}
