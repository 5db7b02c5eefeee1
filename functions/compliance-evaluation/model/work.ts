// Work files of one run in the reports bucket: work/compliance-evaluation/<execution>/<reading>-<region>.json. The
// reading steps write what they found there (a CIS benchmark or an image scan can list hundreds of entries) and hand
// the state machine only the key and counts; the report step reads them back. work/ expires after 30 days.
// (Reading them back is the report step's: report/inputs.ts; the reading steps may only write.)
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

/** Where the reading steps put their work files (the report step may read only under it). */
export const WORK_PREFIX = 'work/compliance-evaluation/';

/** The key of one reading of one region in one execution. */
export function workKey(executionName: string, reading: 'cis' | 'images', region: string): string {
  return `${WORK_PREFIX}${executionName.replace(/[^\w.-]/g, '_')}/${reading}-${region}.json`;
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
