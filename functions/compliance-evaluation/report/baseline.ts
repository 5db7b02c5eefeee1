// The previous run's results: reports/compliance-evaluation/latest.json in the reports bucket, what the next run
// compares with. It is replaced with a conditional write (If-Match on the ETag read, If-None-Match on the first run),
// so of two runs finishing together only one moves it and the other compares again with the newer one (the
// standard retrier retries TransientAwsError). It also records this run's comparison: a retry of the same report
// step finds its own execution there and sends what the first attempt found instead of finding "nothing changed".
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { isPreconditionFailed } from '../../shared/claims/claims.ts';
import { readVersioned } from '../../shared/claims/read.ts';
import { TransientAwsError } from '../../shared/errors/errors.ts';
import type { Comparison, KnownScope } from './compare.ts';

/** The previous results: under reports/ (kept `reports.retentionDays`, rewritten every run), not work/ (30 days). */
export const BASELINE_KEY = 'reports/compliance-evaluation/latest.json';

/** The stored results of the last run that replaced them (a dry run never does). */
export interface Baseline {
  version: 1;
  executionId: string;
  executionName: string;
  runAt: string;
  scopes: Record<string, KnownScope>;
  /** What this run found changed (reused by a retry of the same execution). */
  comparison: Comparison;
}

/** The stored baseline (absent before the first run, or in a format this code does not know) and its ETag. */
export interface StoredBaseline {
  baseline?: Baseline;
  etag?: string;
}

/** Reads the previous results with their ETag (GetObject; a missing key is the first run). */
export async function readBaseline(s3: S3Client, bucket: string): Promise<StoredBaseline> {
  const stored = await readVersioned<Baseline>(s3, bucket, BASELINE_KEY);
  if (!stored) return {};
  return { etag: stored.etag, ...(stored.value?.version === 1 ? { baseline: stored.value } : {}) };
}

/**
 * Replaces the baseline if it is still the one read (`etag`; undefined: none existed).
 * @throws TransientAwsError when another run replaced it meanwhile (retry: compare with the newer one).
 */
export async function writeBaseline(s3: S3Client, bucket: string, baseline: Baseline, etag: string | undefined) {
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: BASELINE_KEY,
        Body: `${JSON.stringify(baseline)}\n`,
        ContentType: 'application/json',
        ServerSideEncryption: 'AES256',
        ...(etag ? { IfMatch: etag } : { IfNoneMatch: '*' }),
      }),
    );
  } catch (error) {
    if (isPreconditionFailed(error) || ['ConditionalRequestConflict', 'NoSuchKey'].includes((error as Error).name)) {
      throw new TransientAwsError(`s3://${bucket}/${BASELINE_KEY} changed while this run compared with it, retry`);
    }
    throw error;
  }
}
