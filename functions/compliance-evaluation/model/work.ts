// Work files of one run in the reports bucket: work/compliance-evaluation/<execution>/<reading>-<region>.json. The
// reading steps write what they found there (a CIS benchmark or an image scan can list hundreds of entries) and hand
// the state machine only the key and counts; the report step reads them back. work/ expires after 30 days.
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { keyPart } from '../../shared/claims/claims.ts';
import { readJson } from '../../shared/claims/read.ts';

/** Where the reading steps put their work files (the report step may read only under it). */
export const WORK_PREFIX = 'work/compliance-evaluation/';

/** The key of one reading of one region in one execution. */
export function workKey(executionName: string, reading: 'cis' | 'images', region: string): string {
  return `${WORK_PREFIX}${keyPart(executionName)}/${reading}-${region}.json`;
}

/** Writes a reading (JSON) under its work key. */
export async function putWork(s3: S3Client, bucket: string, key: string, content: unknown): Promise<void> {
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: key,
      Body: JSON.stringify(content),
      ContentType: 'application/json',
      ServerSideEncryption: 'AES256',
    }),
  );
}

/** Reads a reading back. @throws Error naming the key when it is missing (the step that wrote it said it did). */
export async function readWork<T>(s3: S3Client, bucket: string, key: string): Promise<T> {
  const value = await readJson<T>(s3, bucket, key);
  if (value === undefined) throw new Error(`work file s3://${bucket}/${key} is missing`);
  return value;
}
