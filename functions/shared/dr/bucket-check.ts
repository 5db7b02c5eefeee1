// The runbook's "verify data sync status" (`aws s3api head-bucket`), shared by verify-backups' backup bucket check
// and regional-failover's pre-checks: HeadBucket from the bucket's region; an AWS error is a finding (named by its
// code), never a crash of the check.
import { HeadBucketCommand, type S3Client } from '@aws-sdk/client-s3';

export interface BucketReachability {
  bucket: string;
  reachable: boolean;
  /** The AWS error (code and HTTP status) when it is not. */
  problem?: string;
}

/** HeadBucket; 403, 404 and 301 (another region) and any other refusal are findings. */
export async function checkBucketReachable(s3: S3Client, bucket: string): Promise<BucketReachability> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return { bucket, reachable: true };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    return { bucket, reachable: false, problem: `${(error as Error).name}${status ? ` (HTTP ${status})` : ''}` };
  }
}
