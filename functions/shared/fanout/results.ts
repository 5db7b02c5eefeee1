// The report step's side of a fan-out: every target's result read back from the reports bucket (targets.ts writes).
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { readJson } from '../claims/read.ts';
import type { TargetResult } from './targets.ts';

/**
 * Every result under `prefix` (ListObjectsV2 paginated, objects read `concurrency` at a time), in key order.
 * Throws what S3 throws.
 */
export async function readResults<T>(
  s3: S3Client,
  bucket: string,
  prefix: string,
  concurrency = 16,
): Promise<TargetResult<T>[]> {
  const keys: string[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken }));
    keys.push(...(page.Contents ?? []).map((object) => object.Key!).filter((key) => key.endsWith('.json')));
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken);
  const results: TargetResult<T>[] = new Array(keys.length);
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const index = next++;
      const found = await readJson<TargetResult<T>>(s3, bucket, keys[index]);
      if (found) results[index] = found;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, keys.length) }, worker));
  return results.filter(Boolean);
}
