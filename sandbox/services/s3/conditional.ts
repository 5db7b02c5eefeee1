// S3 conditional writes and deletes: PutObject with If-None-Match: * (create only if the key is free: 412
// PreconditionFailed otherwise) or If-Match: <etag> (overwrite only that version), and DeleteObject (succeeds for a
// missing key, as S3 does). The unconditional PutObject of objects.ts does the write itself.
import type { DeleteObjectRequest, PutObjectRequest } from '@aws-sdk/client-s3';
import { awsError } from '../../errors.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { readBody } from './body.ts';
import { objectHandlers, storeObject } from './objects.ts';

const preconditionFailed = () =>
  awsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', {
    status: 412,
    fields: { Condition: 'If-None-Match' },
  });

function bucketOf(ctx: HandlerContext, name: string | undefined) {
  const bucket = ctx.state.global.s3.buckets[name ?? ''];
  if (!bucket) throw awsError('NoSuchBucket', 'The specified bucket does not exist', { fields: { BucketName: name } });
  return bucket;
}

async function putObject(ctx: HandlerContext, input: PutObjectRequest) {
  const bucket = bucketOf(ctx, input.Bucket);
  // A wrong-region client gets the redirect of the plain PutObject before any condition is looked at.
  if (bucket.Region !== ctx.region) return objectHandlers.PutObject(ctx, input as never);
  // The body is read first: from the condition's check to the write nothing else may run (S3 makes it atomic).
  const bytes = await readBody(input.Body);
  const existing = bucket.objects[input.Key ?? ''];
  if (input.IfNoneMatch !== undefined) {
    if (input.IfNoneMatch !== '*') throw awsError('NotImplemented', 'If-None-Match supports only *', { status: 501 });
    if (existing) throw preconditionFailed();
  }
  if (input.IfMatch !== undefined) {
    if (!existing) throw awsError('NoSuchKey', 'The specified key does not exist.', { fields: { Key: input.Key } });
    if (existing.ETag !== input.IfMatch) throw preconditionFailed();
  }
  return storeObject(ctx, bucket, input, bytes);
}

function deleteObject(ctx: HandlerContext, input: DeleteObjectRequest) {
  const bucket = bucketOf(ctx, input.Bucket);
  if (input.IfMatch !== undefined && bucket.objects[input.Key ?? '']?.ETag !== input.IfMatch)
    throw preconditionFailed();
  delete bucket.objects[input.Key ?? ''];
  return {};
}

export const conditionalObjectHandlers: Handlers = {
  PutObject: putObject,
  DeleteObject: deleteObject,
};
