// S3 buckets: HeadBucket (does the bucket exist, and may I use it). HEAD answers carry no body, so errors are bare
// status codes as S3 sends them: 404 (the SDK names it NotFound) for a bucket that does not exist, 301 when it
// lives in another region than the client's (with its region, as S3's x-amz-bucket-region header says).
import type { HeadBucketRequest } from '@aws-sdk/client-s3';
import { awsError } from '../../errors.ts';
import type { HandlerContext, Handlers } from '../types.ts';

function headBucket(ctx: HandlerContext, input: HeadBucketRequest) {
  const bucket = ctx.state.global.s3.buckets[input.Bucket ?? ''];
  if (!bucket) throw awsError('NotFound', 'Not Found');
  if (bucket.Region !== ctx.region) {
    throw awsError('PermanentRedirect', 'Moved Permanently', { status: 301, fields: { BucketRegion: bucket.Region } });
  }
  return { BucketRegion: bucket.Region, AccessPointAlias: false };
}

export const bucketHandlers: Handlers = {
  HeadBucket: headBucket,
};
