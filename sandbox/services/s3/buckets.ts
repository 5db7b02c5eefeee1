// S3 buckets: HeadBucket (does the bucket exist, and may I use it; HEAD answers carry no body, so errors are bare
// status codes as S3 sends them: 404, which the SDK names NotFound, for a missing bucket, 301 with the bucket's region
// for a client of another region), ListBuckets (Prefix, BucketRegion, MaxBuckets + ContinuationToken), DeleteBucket
// (BucketNotEmpty while any object or version remains), PutBucketTagging and GetBucketTagging (NoSuchTagSet when it
// has none).
import type {
  DeleteBucketRequest,
  GetBucketTaggingRequest,
  HeadBucketRequest,
  ListBucketsRequest,
  PutBucketTaggingRequest,
} from '@aws-sdk/client-s3';
import { awsError } from '../../errors.ts';
import type { BucketRec } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';

/** The bucket, which a client of its own region must address (PermanentRedirect otherwise, as S3 answers). */
export function bucketInRegion(ctx: HandlerContext, name: string | undefined): BucketRec {
  const bucket = ctx.state.global.s3.buckets[name ?? ''];
  if (!bucket) throw awsError('NoSuchBucket', 'The specified bucket does not exist', { fields: { BucketName: name } });
  if (bucket.Region !== ctx.region) {
    throw awsError(
      'PermanentRedirect',
      'The bucket you are attempting to access must be addressed using the specified endpoint.',
      {
        status: 301,
        fields: { Bucket: name, Endpoint: `${name}.s3.${bucket.Region}.amazonaws.com` },
      },
    );
  }
  return bucket;
}

function headBucket(ctx: HandlerContext, input: HeadBucketRequest) {
  const bucket = ctx.state.global.s3.buckets[input.Bucket ?? ''];
  // HEAD responses carry no body: the SDK can only name the status.
  if (!bucket) throw awsError('NotFound', 'Not Found', { status: 404 });
  if (bucket.Region !== ctx.region)
    throw awsError('PermanentRedirect', 'Moved Permanently', { status: 301, fields: { BucketRegion: bucket.Region } });
  return { BucketRegion: bucket.Region, AccessPointAlias: false };
}

function listBuckets(ctx: HandlerContext, input: ListBucketsRequest) {
  const buckets = Object.values(ctx.state.global.s3.buckets).filter(
    (b) =>
      (!input.Prefix || b.Name.startsWith(input.Prefix)) && (!input.BucketRegion || b.Region === input.BucketRegion),
  );
  const page = paginate(buckets, (b) => b.Name, {
    token: input.ContinuationToken,
    pageSize: input.MaxBuckets ?? 10000,
    invalidToken: () => awsError('InvalidArgument', 'The continuation token provided is incorrect'),
  });
  return {
    Buckets: page.items.map((b) => ({ Name: b.Name, CreationDate: b.CreationDate, BucketRegion: b.Region })),
    Owner: { ID: 'sandbox-owner' },
    Prefix: input.Prefix,
    ContinuationToken: page.nextToken,
  };
}

function deleteBucket(ctx: HandlerContext, input: DeleteBucketRequest) {
  const bucket = bucketInRegion(ctx, input.Bucket);
  const versions = Object.values(bucket.versions ?? {}).some((list) => list.length);
  if (Object.keys(bucket.objects).length || versions) {
    throw awsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', { status: 409 });
  }
  delete ctx.state.global.s3.buckets[bucket.Name];
  return {};
}

function putBucketTagging(ctx: HandlerContext, input: PutBucketTaggingRequest) {
  const bucket = bucketInRegion(ctx, input.Bucket);
  bucket.TagSet = (input.Tagging?.TagSet ?? []).map((t) => ({ Key: t.Key!, Value: t.Value ?? '' }));
  return {};
}

function getBucketTagging(ctx: HandlerContext, input: GetBucketTaggingRequest) {
  const bucket = bucketInRegion(ctx, input.Bucket);
  if (!bucket.TagSet?.length) throw awsError('NoSuchTagSet', 'The TagSet does not exist', { status: 404 });
  return { TagSet: bucket.TagSet };
}

export const bucketHandlers: Handlers = {
  HeadBucket: headBucket,
  ListBuckets: listBuckets,
  DeleteBucket: deleteBucket,
  PutBucketTagging: putBucketTagging,
  GetBucketTagging: getBucketTagging,
};
