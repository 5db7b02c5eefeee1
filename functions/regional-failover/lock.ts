// Lets go of the failover lock this execution holds (never another's); the report and the failure step call it.
import { S3Client } from '@aws-sdk/client-s3';
import { awsClient } from '../shared/aws/clients.ts';
import { releaseLock } from '../shared/claims/locks.ts';

export async function letGoOfLock(
  region: string,
  bucket: string,
  target: string | null | undefined,
  executionId: string,
) {
  if (!target) return false;
  return releaseLock(awsClient(S3Client, region), bucket, target, executionId);
}
