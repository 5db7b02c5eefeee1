// S3 objects: PutObject, GetObject, HeadObject, ListObjectsV2. PutObject bodies are also written to
// <outDir>/s3/<bucket>/<key> so a sandbox run's reports can be opened. A bucket used through a client of another
// region answers 301 PermanentRedirect, as S3 does: a wrong-region client must fail here too.
import { createHash } from 'node:crypto';
import type { GetObjectRequest, HeadObjectRequest, ListObjectsV2Request, PutObjectRequest } from '@aws-sdk/client-s3';
import { awsError } from '../../errors.ts';
import type { BucketRec, S3ObjectRec } from '../../state.ts';
import { paginate } from '../pagination.ts';
import type { HandlerContext, Handlers } from '../types.ts';
import { readBody, sdkStream } from './body.ts';

function requireBucket(ctx: HandlerContext, name: string | undefined): BucketRec {
  const bucket = ctx.state.global.s3.buckets[name ?? ''];
  if (!bucket) throw awsError('NoSuchBucket', 'The specified bucket does not exist', { fields: { BucketName: name } });
  if (bucket.Region !== ctx.region) {
    throw awsError(
      'PermanentRedirect',
      'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
      { status: 301, fields: { Bucket: name, Endpoint: `${name}.s3.${bucket.Region}.amazonaws.com` } },
    );
  }
  return bucket;
}

function requireObject(bucket: BucketRec, key: string | undefined, operation: string): S3ObjectRec {
  const object = bucket.objects[key ?? ''];
  if (object) return object;
  // HEAD responses have no body, so the SDK can only report the status: NotFound.
  if (operation === 'HeadObject') throw awsError('NotFound', 'Not Found');
  throw awsError('NoSuchKey', 'The specified key does not exist.', { fields: { Key: key } });
}

async function putObject(ctx: HandlerContext, input: PutObjectRequest) {
  const bucket = requireBucket(ctx, input.Bucket);
  return storeObject(ctx, bucket, input, await readBody(input.Body));
}

/**
 * Writes the object (body already read) without yielding, so a conditional write's check and its write happen
 * as one step, as S3 makes them atomic (conditional.ts).
 */
export function storeObject(ctx: HandlerContext, bucket: BucketRec, input: PutObjectRequest, bytes: Buffer) {
  const etag = `"${createHash('md5').update(bytes).digest('hex')}"`;
  bucket.objects[input.Key!] = {
    Key: input.Key!,
    BodyBase64: bytes.toString('base64'),
    ContentLength: bytes.length,
    ContentType: input.ContentType ?? 'application/octet-stream',
    ETag: etag,
    LastModified: ctx.now().toISOString(),
    Metadata:
      input.Metadata && Object.fromEntries(Object.entries(input.Metadata).map(([k, v]) => [k.toLowerCase(), v])),
    StorageClass: input.StorageClass ?? 'STANDARD',
  };
  ctx.account.writeOut(`s3/${bucket.Name}/${input.Key}`, bytes);
  return { ETag: etag, ServerSideEncryption: input.ServerSideEncryption ?? 'AES256' };
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` (one range, as S3 supports). */
function byteRange(range: string | undefined, size: number): { start: number; end: number } | undefined {
  const match = range?.match(/^bytes=(\d*)-(\d*)$/);
  if (!match) return undefined;
  const [, a, b] = match;
  const start = a === '' ? Math.max(0, size - Number(b)) : Number(a);
  const end = a === '' || b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (start > end || start >= size) {
    throw awsError('InvalidRange', 'The requested range is not satisfiable', { status: 416 });
  }
  return { start, end };
}

function objectHeaders(object: S3ObjectRec) {
  return {
    AcceptRanges: 'bytes',
    ContentLength: object.ContentLength,
    ContentType: object.ContentType,
    ETag: object.ETag,
    LastModified: object.LastModified,
    Metadata: object.Metadata ?? {},
    ServerSideEncryption: 'AES256',
    StorageClass: object.StorageClass === 'STANDARD' ? undefined : object.StorageClass,
  };
}

function getObject(ctx: HandlerContext, input: GetObjectRequest) {
  const object = requireObject(requireBucket(ctx, input.Bucket), input.Key, 'GetObject');
  let bytes = Buffer.from(object.BodyBase64, 'base64');
  const range = byteRange(input.Range, bytes.length);
  if (range) bytes = bytes.subarray(range.start, range.end + 1);
  return {
    ...objectHeaders(object),
    ContentLength: bytes.length,
    ContentRange: range ? `bytes ${range.start}-${range.end}/${object.ContentLength}` : undefined,
    Body: sdkStream(bytes),
  };
}

function headObject(ctx: HandlerContext, input: HeadObjectRequest) {
  return objectHeaders(requireObject(requireBucket(ctx, input.Bucket), input.Key, 'HeadObject'));
}

type ListEntry = { key: string; object?: S3ObjectRec };

/** Keys under Prefix after StartAfter; with a Delimiter, keys sharing the next path segment fold into one prefix. */
function listEntries(bucket: BucketRec, input: ListObjectsV2Request): ListEntry[] {
  const prefix = input.Prefix ?? '';
  const entries = new Map<string, ListEntry>();
  for (const object of Object.values(bucket.objects)) {
    if (!object.Key.startsWith(prefix) || (input.StartAfter && object.Key <= input.StartAfter)) continue;
    const cut = input.Delimiter ? object.Key.indexOf(input.Delimiter, prefix.length) : -1;
    if (cut >= 0) {
      const common = object.Key.slice(0, cut + input.Delimiter!.length);
      entries.set(common, { key: common });
    } else {
      entries.set(object.Key, { key: object.Key, object });
    }
  }
  return [...entries.values()];
}

function listObjectsV2(ctx: HandlerContext, input: ListObjectsV2Request) {
  const bucket = requireBucket(ctx, input.Bucket);
  const maxKeys = Math.min(input.MaxKeys ?? 1000, 1000);
  const page = paginate(listEntries(bucket, input), (e) => e.key, {
    token: input.ContinuationToken,
    pageSize: maxKeys,
    invalidToken: () => awsError('InvalidArgument', 'The continuation token provided is incorrect'),
  });
  const contents = page.items.filter((e) => e.object).map((e) => e.object!);
  const prefixes = page.items.filter((e) => !e.object).map((e) => ({ Prefix: e.key }));
  return {
    Name: bucket.Name,
    Prefix: input.Prefix ?? '',
    Delimiter: input.Delimiter,
    MaxKeys: maxKeys,
    StartAfter: input.StartAfter,
    ContinuationToken: input.ContinuationToken,
    KeyCount: page.items.length,
    IsTruncated: page.nextToken !== undefined,
    NextContinuationToken: page.nextToken,
    Contents: contents.length
      ? contents.map((o) => ({
          Key: o.Key,
          LastModified: o.LastModified,
          ETag: o.ETag,
          Size: o.ContentLength,
          StorageClass: o.StorageClass,
        }))
      : undefined,
    CommonPrefixes: prefixes.length ? prefixes : undefined,
  };
}

export const objectHandlers: Handlers = {
  PutObject: putObject,
  GetObject: getObject,
  HeadObject: headObject,
  ListObjectsV2: listObjectsV2,
};
